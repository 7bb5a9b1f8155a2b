package dev.goalcoach.sync.loader;

import java.time.Instant;

/** A rebuild of the warehouse from the retained topics and how far it has come (events read ÷ events retained at its start). */
public record Replay(long generation, Instant startedAt, long target, long done, boolean finished) {}
