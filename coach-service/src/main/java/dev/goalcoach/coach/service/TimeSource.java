package dev.goalcoach.coach.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** The current instant, to microseconds (what PostgreSQL keeps). One seam, so tests can stand at a chosen instant. */
@ApplicationScoped
public class TimeSource {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The date in a member's time zone (UTC when unknown or not a zone). */
    public LocalDate todayIn(String timezone) {
        return now().atZone(zone(timezone)).toLocalDate();
    }

    public static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
