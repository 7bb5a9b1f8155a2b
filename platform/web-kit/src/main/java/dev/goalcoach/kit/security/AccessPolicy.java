package dev.goalcoach.kit.security;

import java.util.UUID;

/**
 * Who may see or change a member's data: the member themselves, their mentor (reading), an admin. Callers that
 * may not see a resource are answered 404, so its existence does not leak.
 */
public final class AccessPolicy {

    /** May {@code caller} read data owned by {@code ownerId}, whose mentor is {@code ownerMentorId} (may be null)? */
    public static boolean mayRead(Caller caller, UUID ownerId, UUID ownerMentorId) {
        return caller.isAdmin()
                || caller.is(ownerId)
                || (caller.isMentor() && ownerMentorId != null && caller.is(ownerMentorId));
    }

    /** May {@code caller} change data owned by {@code ownerId}? Mentors read their mentees' data, they do not edit it. */
    public static boolean mayWrite(Caller caller, UUID ownerId) {
        return caller.isAdmin() || caller.is(ownerId);
    }

    private AccessPolicy() {}
}
