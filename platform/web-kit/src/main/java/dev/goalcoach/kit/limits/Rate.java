package dev.goalcoach.kit.limits;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;

/**
 * How often something may happen: {@code count} times per {@code per}, written {@code 30/1m}, {@code 10/15m} or
 * {@code 5/PT1H} (the duration as Quarkus reads durations). A configuration value converts to it by itself.
 */
public record Rate(int count, Duration per) {

    public Rate {
        if (count < 1) {
            throw new IllegalArgumentException("a rate allows at least 1, not " + count);
        }
        if (per == null || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate's period is positive, not " + per);
        }
    }

    /** Reads {@code count/duration}; the configuration's implicit converter. */
    public static Rate of(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("a rate is written count/duration, such as 30/1m, not " + text);
        }
        try {
            return new Rate(
                    Integer.parseInt(text.substring(0, slash).trim()),
                    DurationConverter.parseDuration(text.substring(slash + 1).trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a rate is written count/duration, such as 30/1m, not " + text, e);
        }
    }

    @Override
    public String toString() {
        return count + "/" + per;
    }
}
