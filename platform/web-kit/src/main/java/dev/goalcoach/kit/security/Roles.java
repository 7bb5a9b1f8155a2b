package dev.goalcoach.kit.security;

import java.util.Collection;
import java.util.List;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {
    public static final String MEMBER = "MEMBER";
    public static final String MENTOR = "MENTOR";
    public static final String ADMIN = "ADMIN";

    /**
     * Another service of the suite, with a client-credentials token from member-service (subject: its client id).
     * Not a member: no member endpoint takes it ({@link Caller#of} refuses it), only the internal ones that name it.
     */
    public static final String SERVICE = "SERVICE";

    private static final List<String> ORDER = List.of(MEMBER, MENTOR, ADMIN);

    /** The highest of {@code roles}, or null when none is a GoalCoach role. */
    public static String highest(Collection<String> roles) {
        for (int i = ORDER.size() - 1; i >= 0; i--) {
            if (roles.contains(ORDER.get(i))) {
                return ORDER.get(i);
            }
        }
        return null;
    }

    /** The lesser of two roles; anything that is not a GoalCoach role counts as {@link #MEMBER}. */
    public static String lower(String a, String b) {
        return ORDER.get(Math.min(Math.max(ORDER.indexOf(a), 0), Math.max(ORDER.indexOf(b), 0)));
    }

    private Roles() {}
}
