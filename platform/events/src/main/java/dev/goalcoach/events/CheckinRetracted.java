package dev.goalcoach.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A check-in was withdrawn: for metrics the habit's day is as if never logged. */
public record CheckinRetracted(
        UUID checkinId, UUID memberId, UUID habitId, LocalDate localDate, long revision, Instant retractedAt) {}
