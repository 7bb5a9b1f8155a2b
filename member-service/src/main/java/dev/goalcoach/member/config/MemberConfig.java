package dev.goalcoach.member.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "goalcoach.member")
public interface MemberConfig {

    /** bcrypt work factor: each step doubles the cost of a login and of a guess. */
    @WithDefault("10")
    int bcryptCost();

    /** Lifetime of an access token. */
    @WithDefault("1h")
    Duration tokenTtl();

    /** The {@code iss} of issued tokens: what every service verifies. */
    @WithDefault("${mp.jwt.verify.issuer}")
    String tokenIssuer();

    /** The {@code aud} of issued tokens: the suite's one audience, which every service verifies. */
    @WithDefault("${mp.jwt.verify.audiences}")
    String tokenAudience();

    Admin admin();

    /** The first admin, created at start-up when both are set and no member has that email. */
    interface Admin {
        Optional<String> email();

        Optional<String> password();
    }
}
