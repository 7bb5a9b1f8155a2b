package dev.goalcoach.sync.loader;

import java.time.Instant;

/** What health and the admin API show of the loader. */
public record LoaderStatus(
        LoaderState state,
        Instant lastCommitAt,
        String lastError,
        Instant lastErrorAt,
        int consecutiveFailures,
        long eventsLoaded,
        long deadLetters,
        long lag,
        Replay replay) {}
