package dev.goalcoach.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * coach-service made a plan for a goal that had none: subgoals and habits with schedules. {@code outcome} READY
 * (the model's plan, validated) or FALLBACK (the offline plan stood in); {@code provider} and {@code model} say
 * what produced it.
 */
public record PlanGenerated(
        UUID goalId,
        UUID memberId,
        String outcome,
        String provider,
        String model,
        String rationale,
        List<PlannedSubgoal> subgoals,
        List<PlannedHabit> habits,
        Instant generatedAt) {

    public record PlannedSubgoal(String title, LocalDate dueDate) {}

    public record PlannedHabit(
            String title,
            String scheduleType,
            List<String> days,
            Integer timesPerWeek,
            Integer everyNDays,
            LocalDate startDate,
            BigDecimal targetValue,
            String targetUnit,
            String targetDirection,
            List<String> reminderTimes) {}
}
