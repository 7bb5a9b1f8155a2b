package dev.goalcoach.kit.security;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {
    public static final String MEMBER = "MEMBER";
    public static final String MENTOR = "MENTOR";
    public static final String ADMIN = "ADMIN";

    private Roles() {}
}
