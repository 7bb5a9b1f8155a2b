package dev.goalcoach.events;

import java.time.Instant;
import java.util.UUID;

/**
 * How to reach a member by mail, for the services that send it (coach-service's reminders): data of {@code
 * member.contact.changed}, on its own topic ({@link Topics#CONTACTS}), which the warehouse never loads. Published
 * when the address is set, changed or verified; at erasure without {@code email} (null, absent from the JSON),
 * so a consumer forgets it.
 * {@code revision} grows with each change (a consumer keeps the newest).
 */
public record MemberContact(UUID memberId, String email, boolean emailVerified, long revision, Instant changedAt) {}
