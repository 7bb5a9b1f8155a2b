package dev.goalcoach.goal.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current instant, to microseconds (what PostgreSQL keeps). One seam, so tests can stand at a chosen instant. */
@ApplicationScoped
public class TimeSource {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
