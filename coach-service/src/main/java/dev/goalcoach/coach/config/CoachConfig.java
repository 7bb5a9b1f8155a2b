package dev.goalcoach.coach.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** coach-service settings ({@code goalcoach.coach.*}; environment variables in {@code .env.example}). */
@ConfigMapping(prefix = "goalcoach.coach")
public interface CoachConfig {

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
}
