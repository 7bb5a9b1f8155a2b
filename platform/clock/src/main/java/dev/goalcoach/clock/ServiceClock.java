package dev.goalcoach.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The service's "now" for business rules: a member's today, due days, windows, budgets, schedules. Services inject
 * it as a {@link Clock} (the web-kit makes it a bean); the database's {@code now()} is left to bookkeeping
 * timestamps, and security timestamps (token issue and expiry) stay on the real clock.
 *
 * <p>The real UTC time, to microseconds (what PostgreSQL keeps). In the {@code dev} and {@code test} profiles it can
 * be moved, so that a demo or a launcher-level test can simulate days across every service: by an offset
 * ({@code GOALCOACH_CLOCK_OFFSET}, an ISO-8601 duration such as {@code P3D}, or {@code PUT /admin/clock}), and in
 * tests pinned to a frozen instant or run from a chosen one (the test-kit's {@code @ClockAt}). The {@code prod}
 * profile refuses to start with an offset.
 */
public final class ServiceClock extends Clock {

    private final Clock base;
    private final boolean adjustable;
    private final Duration configuredOffset;
    private volatile Duration offset;
    private volatile Instant pinned;

    /**
     * The clock over {@code base} (the real time), adjustable when a profile is {@code dev} or {@code test}, at
     * {@code offset} (an ISO-8601 duration; blank or null: none).
     *
     * @throws IllegalStateException for an offset outside dev and test
     */
    public static ServiceClock of(Clock base, List<String> profiles, String offset) {
        return new ServiceClock(base, profiles, offset);
    }

    private ServiceClock(Clock base, List<String> profiles, String offset) {
        this.base = base;
        this.adjustable = profiles.contains("dev") || profiles.contains("test");
        Duration parsed = parseOffset(offset);
        if (!parsed.isZero() && !adjustable) {
            throw new IllegalStateException("GOALCOACH_CLOCK_OFFSET (" + offset
                    + ") moves the business clock, which only the dev and test profiles allow (profiles: " + profiles
                    + "); unset it, or run with QUARKUS_PROFILE=dev");
        }
        this.configuredOffset = parsed;
        this.offset = parsed;
    }

    /** Whether the clock may be moved (the dev and test profiles). */
    public boolean adjustable() {
        return adjustable;
    }

    /** How far this clock runs ahead of (or, negative, behind) the real time. */
    public Duration offset() {
        return offset;
    }

    /** Whether the clock stands still at a pinned instant. */
    public boolean pinned() {
        return pinned != null;
    }

    /** Runs the clock {@code offset} ahead of the real time from now on (dev and test). */
    public void setOffset(Duration offset) {
        requireAdjustable();
        this.offset = offset;
    }

    /** Stands the clock still at {@code instant} until {@link #release()} (tests). */
    public void pin(Instant instant) {
        requireAdjustable();
        this.pinned = instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Runs the clock from {@code instant} on: a demo's day, or tests whose records must keep their order in time
     * (which a frozen clock would make equal).
     */
    public void runFrom(Instant instant) {
        requireAdjustable();
        this.pinned = null;
        this.offset = Duration.between(base.instant(), instant);
    }

    /** Back to the configured offset ({@code GOALCOACH_CLOCK_OFFSET}), running (tests, after each). */
    public void release() {
        this.pinned = null;
        this.offset = configuredOffset;
    }

    @Override
    public Instant instant() {
        Instant p = pinned;
        return p != null ? p : base.instant().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? this : new InZone(this, zone);
    }

    /**
     * An ISO-8601 duration ({@code P3D}, {@code -PT2H30M}); blank or absent is none.
     *
     * @throws IllegalArgumentException naming the variable and the expected form
     */
    public static Duration parseOffset(String offset) {
        if (offset == null || offset.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(offset.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("GOALCOACH_CLOCK_OFFSET must be an ISO-8601 duration such as P3D or"
                    + " -PT2H30M, not '" + offset + "'");
        }
    }

    private void requireAdjustable() {
        if (!adjustable) {
            throw new IllegalStateException("the business clock can be moved only in the dev and test profiles");
        }
    }

    /** This clock seen from another time zone (the instant is the same). */
    private static final class InZone extends Clock {
        private final ServiceClock clock;
        private final ZoneId zone;

        InZone(ServiceClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return clock.withZone(other);
        }
    }
}
