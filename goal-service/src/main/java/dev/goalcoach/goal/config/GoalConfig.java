package dev.goalcoach.goal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

@ConfigMapping(prefix = "goalcoach.goal")
public interface GoalConfig {

    /** How many days back a member may still log a check-in. */
    @WithDefault("7")
    int checkinBackdateDays();

    /** How many days back an admin's import of a member's check-ins may reach ({@code POST /checkins/import}). */
    @WithDefault("366")
    int importDays();

    /**
     * How long an {@code Idempotency-Key} and its answer are kept: a retry within it gets the first answer, after
     * it the key is gone and the request is new.
     */
    @WithDefault("24h")
    Duration idempotencyKeyTtl();

    /**
     * How many habits a replica remembers as a check-in last saw them (the least used go first; ~300 bytes each): a
     * check-in for one of them needs no lookup, the statement writing it checks the habit is still that.
     */
    @WithDefault("20000")
    int checkinHabitsCached();

    /** How often keys past their time to live are purged ({@code off}: never); read by the purge's schedule. */
    @WithDefault("1h")
    String idempotencyKeyPurgeEvery();

    /**
     * The service clients (client ids of member-service's client-credentials tokens) that may read a journal entry's
     * text through {@code /internal/journal}: coach-service, for its sentiment reading (decisions/0012).
     */
    @WithDefault("coach-service")
    Set<String> journalReaders();
}
