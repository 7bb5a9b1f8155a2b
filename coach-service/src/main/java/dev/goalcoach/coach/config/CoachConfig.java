package dev.goalcoach.coach.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** coach-service settings ({@code goalcoach.coach.*}; environment variables in {@code .env.example}). */
@ConfigMapping(prefix = "goalcoach.coach")
public interface CoachConfig {

    Ai ai();

    Budget budget();

    Jobs jobs();

    /** The scheduled coaching's tick ({@code CoachingJobs}). */
    interface Jobs {
        /** How often each job looks for members whose local hour has come; {@code off}: never. */
        @WithDefault("5m")
        String every();

        /** The first tick after start. */
        @WithDefault("30s")
        String delayed();
    }

    interface Ai {
        /** {@code gemini} or {@code offline}; unset: gemini when an API key is given, else offline. */
        Optional<String> provider();

        Gemini gemini();
    }

    interface Gemini {
        Optional<String> apiKey();

        @WithDefault("gemini-2.5-flash")
        String model();

        /** Unset: Google's own endpoint. Tests point it at a loopback stub. */
        Optional<String> baseUrl();

        /** How long one call may take before it counts as failed (the fault tolerance's timeout sits above it). */
        @WithDefault("20s")
        Duration timeout();
    }

    /** What one member may spend on the model. */
    interface Budget {
        /** Model tokens per member and UTC day; past it the member's AI requests answer 429. */
        @WithDefault("200000")
        long tokensPerDay();

        /** Chat messages and plan previews per member and minute; past it 429. */
        @WithDefault("10")
        int requestsPerMinute();
    }
}
