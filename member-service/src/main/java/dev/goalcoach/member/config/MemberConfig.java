package dev.goalcoach.member.config;

import dev.goalcoach.kit.limits.Rate;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "goalcoach.member")
public interface MemberConfig {

    /** bcrypt work factor: each step doubles the cost of a login and of a guess. */
    @WithDefault("10")
    int bcryptCost();

    /**
     * Lifetime of an access token: short, as a signed-out session's token lives until it expires; a client renews it
     * with its refresh token.
     */
    @WithDefault("15m")
    Duration tokenTtl();

    /** Lifetime of a refresh token; each use gives a new one for as long again (a session idle this long ends). */
    @WithDefault("30d")
    Duration refreshTtl();

    /** Lifetime of an email verification link. */
    @WithDefault("48h")
    Duration verificationTtl();

    /** Lifetime of a password reset link. */
    @WithDefault("1h")
    Duration resetTtl();

    /** How often asked-for resets are turned into mail (the {@code PasswordResets} job). */
    @WithDefault("1s")
    Duration resetPollInterval();

    /** The {@code iss} of issued tokens: what every service verifies. */
    @WithDefault("${mp.jwt.verify.issuer}")
    String tokenIssuer();

    /** The {@code aud} of issued tokens: the suite's one audience, which every service verifies. */
    @WithDefault("${mp.jwt.verify.audiences}")
    String tokenAudience();

    Admin admin();

    /**
     * The public key member-service signs for (PEM; the pair of {@code smallrye.jwt.sign.key.location}): its id
     * ({@code kid}) goes in every token and it heads the key set at {@code /.well-known/jwks.json}.
     */
    @WithDefault("${mp.jwt.verify.publickey.location}")
    String signingPublicKey();

    /**
     * Public keys (PEM files, comma-separated) of earlier signing keys, still served in the key set while tokens
     * they signed may be alive: a rotation's overlap ({@code GOALCOACH_JWT_PREVIOUS_PUBLIC_KEYS}).
     */
    Optional<java.util.List<String>> previousPublicKeys();

    /**
     * The suite's own services that may take a client-credentials token ({@code POST /auth/token}), as
     * {@code client-id=secret} pairs separated by commas ({@code GOALCOACH_SERVICE_CLIENTS}); none: no service
     * token is issued. A secret has at least 32 characters.
     */
    Optional<String> serviceClients();

    /** Lifetime of a service's token: short, as it is fetched again by a client library without anyone noticing. */
    @WithDefault("5m")
    Duration serviceTokenTtl();

    Limits limits();

    Export export();

    /**
     * Where a member's data export gathers the other services' parts ({@code GOALCOACH_GOAL_SERVICE_URL} and the
     * others, as every service that calls another reads them).
     */
    interface Export {
        URI goalServiceUrl();

        URI coachServiceUrl();

        URI mentorServiceUrl();

        URI analyticsServiceUrl();
    }

    /**
     * How often a client may try to sign in or up, as {@code count/period} (a token bucket per key, per replica);
     * past one the request is answered 429 with {@code Retry-After}. The benches and test suites raise them.
     */
    interface Limits {
        /** Login attempts from one client address (behind the gateway: the address it forwards). */
        @WithDefault("30/1m")
        Rate loginsPerAddress();

        /** Failed logins for one email, existing or not; a successful login clears them. */
        @WithDefault("10/15m")
        Rate failedLoginsPerAccount();

        /** Registrations from one client address. */
        @WithDefault("10/1h")
        Rate registrationsPerAddress();

        /** Registration attempts for one email. */
        @WithDefault("5/1h")
        Rate registrationsPerAccount();

        /** Password reset requests from one client address. */
        @WithDefault("10/1h")
        Rate resetsPerAddress();

        /** Password reset requests for one email, existing or not. */
        @WithDefault("3/1h")
        Rate resetsPerAccount();

        /** Verification mails a member asks to be sent again. */
        @WithDefault("5/1h")
        Rate verificationResends();

        /** Address changes of one member (each mails the new address and the old one). */
        @WithDefault("5/1h")
        Rate emailChanges();
    }

    /** The first admin, created at start-up when both are set and no member has that email. */
    interface Admin {
        Optional<String> email();

        Optional<String> password();
    }
}
