package dev.goalcoach.coach;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A member's quiet hours in their own zone, {@code [start, end)}; past midnight when {@code start} is after
 * {@code end} (22:00–07:00). A mail due inside them waits for their end.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        if (start == null || end == null || start.equals(end)) {
            throw new IllegalArgumentException("quiet hours need a start and a different end");
        }
    }

    /** Whether the local time {@code t} falls inside. */
    public boolean contains(LocalTime t) {
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** How long a mail due at {@code now} waits: zero outside the quiet hours, else until their end (DST-aware). */
    public Duration wait(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return Duration.ZERO;
        }
        ZonedDateTime end = local.with(this.end);
        if (!end.isAfter(local)) {
            end = local.toLocalDate().plusDays(1).atTime(this.end).atZone(zone);
        }
        return Duration.between(now, end.toInstant());
    }
}
