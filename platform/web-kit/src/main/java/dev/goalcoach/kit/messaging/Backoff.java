package dev.goalcoach.kit.messaging;

import java.time.Duration;

/**
 * The wait before a retry of work that keeps failing (a relay, a loader, a consumer): it starts at {@code initial},
 * doubles after each failure up to {@code max}, and starts over after a success. Not thread-safe: one loop owns it.
 *
 * <p>A class of its own rather than SmallRye Fault Tolerance's {@code @Retry}: these are long-lived loops that keep
 * state between attempts (positions, a paused consumer) and must stay on their own thread, which an interceptor
 * around a method call does not model.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    /** How long to wait before the next attempt. */
    public Duration current() {
        return current;
    }

    /** An attempt failed (after waiting {@link #current()}): the next wait is twice as long, at most {@code max}. */
    public void failed() {
        var doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
    }

    /** An attempt went through: the next failure waits {@code initial} again. */
    public void reset() {
        current = initial;
    }
}
