package dev.goalcoach.kit.ai;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * A service's model and a member's budget ({@code goalcoach.ai.*}): the provider ({@code GOALCOACH_AI_PROVIDER},
 * {@code GEMINI_API_KEY}, {@code GOALCOACH_GEMINI_MODEL}, {@code _BASE_URL}, {@code _TIMEOUT}: the kit maps them)
 * and the budget, which each service maps from its own variables.
 */
@ConfigMapping(prefix = "goalcoach.ai")
public interface AiConfig {

    /** {@code gemini} or {@code offline}; unset: gemini when an API key is given, else offline. */
    Optional<String> provider();

    /** The name the service's offline rules answer under (its usage rows and answers say it). */
    String offlineModel();

    Gemini gemini();

    Budget budget();

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

        /** AI requests per member and minute; past it 429. */
        @WithDefault("10")
        int requestsPerMinute();
    }
}
