package dev.goalcoach.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A check-in as it now stands: data of {@code checkin.logged} (first time for that habit and date) and
 * {@code checkin.updated} (a later change). {@code localDate} is the member's own date; the note stays in
 * goal-service. {@code revision} grows with each change of this check-in.
 */
public record CheckinRecorded(
        UUID checkinId,
        UUID memberId,
        UUID goalId,
        UUID habitId,
        LocalDate localDate,
        String status,
        BigDecimal value,
        long revision,
        Instant recordedAt) {}
