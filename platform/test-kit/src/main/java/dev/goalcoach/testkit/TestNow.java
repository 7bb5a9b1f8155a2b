package dev.goalcoach.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where the test clock starts: {@code GOALCOACH_TEST_NOW} (an ISO instant such as {@code 2027-03-28T01:30:00Z}), or
 * the real now when unset. It then runs, one offset from the real time for the whole test JVM; it reaches every
 * Quarkus application the tests start (as {@code goalcoach.clock.offset}, by {@link TestClockConfigSource}) and the
 * services a launcher-level test starts (as {@code GOALCOACH_CLOCK_OFFSET}). Tests that need a frozen day pin the
 * service's clock ({@code ServiceClock.pin}); security timestamps (token issue and expiry) stay on the real clock.
 */
public final class TestNow {

    private static final Duration OFFSET = offsetFrom(System.getenv("GOALCOACH_TEST_NOW"));

    /** How far the test clock runs from the real time (zero without {@code GOALCOACH_TEST_NOW}). */
    public static Duration offset() {
        return OFFSET;
    }

    /** The test clock's now: for tests that need "about now" without deciding what they expect by it. */
    public static Instant instant() {
        return Instant.now().plus(OFFSET);
    }

    static Duration offsetFrom(String testNow) {
        if (testNow == null || testNow.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.between(Instant.now(), Instant.parse(testNow.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "GOALCOACH_TEST_NOW must be an ISO instant such as 2026-12-31T23:30:00Z, not '" + testNow + "'");
        }
    }

    private TestNow() {}
}
