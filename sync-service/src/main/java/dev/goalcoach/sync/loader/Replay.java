package dev.goalcoach.sync.loader;

import java.time.Instant;

/**
 * A rebuild of the warehouse from the retained topics and how far it has come (events read ÷ events retained at its
 * start). Requested, it shows at once as not finished, with no generation, start or target until the loader's thread
 * takes it up: an admin who polls {@code finished} after a 202 never sees the previous rebuild's.
 */
public record Replay(
        State state,
        long generation,
        Instant requestedAt,
        Instant startedAt,
        long target,
        long done,
        boolean finished) {

    public enum State {
        REQUESTED,
        RUNNING,
        FINISHED
    }

    static Replay requested(Instant at) {
        return new Replay(State.REQUESTED, 0, at, null, 0, 0, false);
    }

    static Replay started(long generation, Instant requestedAt, Instant at, long target, long done) {
        boolean finished = done >= target;
        return new Replay(
                finished ? State.FINISHED : State.RUNNING, generation, requestedAt, at, target, done, finished);
    }
}
