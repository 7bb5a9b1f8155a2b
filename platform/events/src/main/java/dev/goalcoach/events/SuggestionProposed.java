package dev.goalcoach.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * coach-service proposes a change to a goal's plan, for the member (or their mentor) to accept or reject.
 * {@code kind} says which fields matter: CHANGE_SCHEDULE ({@code habitId}, the schedule fields of {@code habit}),
 * ADD_HABIT ({@code habit}), DEACTIVATE_HABIT ({@code habitId}), CHANGE_TARGET ({@code habitId},
 * {@code targetValue}).
 */
public record SuggestionProposed(
        UUID suggestionId,
        UUID goalId,
        UUID memberId,
        String kind,
        UUID habitId,
        PlanGenerated.PlannedHabit habit,
        BigDecimal targetValue,
        String reason,
        String provider,
        String model,
        Instant proposedAt) {}
