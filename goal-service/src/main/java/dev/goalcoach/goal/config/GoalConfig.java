package dev.goalcoach.goal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "goalcoach.goal")
public interface GoalConfig {

    /** How many days back a member may still log a check-in. */
    @WithDefault("7")
    int checkinBackdateDays();
}
