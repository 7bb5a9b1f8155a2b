package dev.goalcoach.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A goal and its whole plan after a change: data of {@code goal.created} and {@code goal.updated}. Habits and
 * subgoals travel inside it, so a consumer never sees a habit without its goal; a habit change is a goal change.
 */
public record GoalSnapshot(
        UUID goalId,
        UUID memberId,
        String title,
        String description,
        String theme,
        Integer minutesPerWeek,
        List<String> unavailableDays,
        LocalDate targetDate,
        String status,
        String planStatus,
        List<Subgoal> subgoals,
        List<Habit> habits,
        long revision,
        Instant updatedAt) {

    public record Subgoal(UUID subgoalId, int position, String title, LocalDate dueDate, boolean done) {}

    public record Habit(
            UUID habitId,
            String title,
            String scheduleType,
            List<String> days,
            Integer timesPerWeek,
            Integer everyNDays,
            LocalDate startDate,
            BigDecimal targetValue,
            String targetUnit,
            String targetDirection,
            List<String> reminderTimes,
            boolean active) {}
}
