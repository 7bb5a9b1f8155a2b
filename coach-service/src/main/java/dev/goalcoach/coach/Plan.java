package dev.goalcoach.coach;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * A plan for a goal, as the model answers it (the JSON Schema {@code plan-schema.json}) and as the offline planner
 * makes it: why, the milestones, and the habits with their schedules. {@code minutesPerSession} is what a habit
 * costs of the goal's weekly time budget.
 */
public record Plan(String rationale, List<Subgoal> subgoals, List<Habit> habits) {

    public Plan {
        subgoals = subgoals == null ? List.of() : List.copyOf(subgoals);
        habits = habits == null ? List.of() : List.copyOf(habits);
    }

    public record Subgoal(String title, LocalDate dueDate) {}

    public record Habit(
            String title,
            String scheduleType,
            List<DayOfWeek> days,
            Integer timesPerWeek,
            Integer everyNDays,
            Integer minutesPerSession,
            BigDecimal targetValue,
            String targetUnit,
            String targetDirection) {

        /** At most how many times a week it is due. */
        public int sessionsPerWeek() {
            return switch (scheduleType) {
                case "DAILY" -> 7;
                case "WEEKDAYS" -> days == null ? 0 : days.size();
                case "TIMES_PER_WEEK" -> timesPerWeek == null ? 0 : timesPerWeek;
                case "EVERY_N_DAYS" -> everyNDays == null || everyNDays < 1 ? 0 : (7 + everyNDays - 1) / everyNDays;
                default -> 0;
            };
        }

        /** The minutes it takes in its busiest week. */
        public int weeklyMinutes() {
            return minutesPerSession == null ? 0 : sessionsPerWeek() * minutesPerSession;
        }
    }

    /** The minutes all habits take in a week. */
    public int weeklyMinutes() {
        return habits.stream().mapToInt(Habit::weeklyMinutes).sum();
    }
}
