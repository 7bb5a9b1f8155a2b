package dev.goalcoach.coach;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the coach knows about a member when it answers: their goals and habits (goal-service), their metrics
 * (analytics-service) and last week's check-ins (goal-service), each with where it came from. A part its service
 * could not give is empty and its source says so ({@link #UNAVAILABLE}): the coach answers from the rest and tells
 * the member. Carries no name, email or other identifier: it may go to a model.
 */
public record CoachContext(
        LocalDate today,
        List<GoalFacts> goals,
        Metrics metrics,
        List<CheckinFacts> checkins,
        Map<String, String> sources) {

    public static final String UNAVAILABLE = "unavailable";
    public static final String NOT_YET = "not yet computed";

    public record GoalFacts(UUID goalId, String title, String status, String planStatus, List<HabitFacts> habits) {}

    public record HabitFacts(
            UUID habitId,
            String title,
            String scheduleType,
            List<DayOfWeek> days,
            Integer timesPerWeek,
            Integer everyNDays,
            LocalDate startDate,
            boolean active) {

        /** Due on {@code date}: DAILY, one of its days, every n days from its start; an n-per-week habit is never "due" on a given day. */
        public boolean dueOn(LocalDate date) {
            if (!active || (startDate != null && date.isBefore(startDate))) {
                return false;
            }
            return switch (scheduleType) {
                case "DAILY" -> true;
                case "WEEKDAYS" -> days != null && days.contains(date.getDayOfWeek());
                case "EVERY_N_DAYS" ->
                    everyNDays != null
                            && startDate != null
                            && ChronoUnit.DAYS.between(startDate, date) % everyNDays == 0;
                default -> false;
            };
        }
    }

    /** The member's metrics as analytics-service computed them (ratios 0…1, null when nothing was due). */
    public record Metrics(
            LocalDate asOf,
            BigDecimal adherence7,
            BigDecimal adherence30,
            BigDecimal adherence90,
            int currentStreak,
            int longestStreak,
            String streakUnit,
            Integer riskScore,
            String riskLevel,
            List<String> riskReasons,
            Map<UUID, HabitMetrics> habits) {}

    public record HabitMetrics(BigDecimal adherence7, int currentStreak, String streakUnit, BigDecimal strength) {}

    public record CheckinFacts(UUID habitId, LocalDate date, String status) {}

    public CoachContext {
        goals = goals == null ? List.of() : List.copyOf(goals);
        checkins = checkins == null ? List.of() : List.copyOf(checkins);
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /** True when a part of the context could not be fetched. */
    public boolean degraded() {
        return sources.containsValue(UNAVAILABLE);
    }

    /** The active habits of active goals. */
    public List<HabitFacts> activeHabits() {
        return goals.stream()
                .filter(g -> "ACTIVE".equals(g.status()))
                .flatMap(g -> g.habits().stream())
                .filter(HabitFacts::active)
                .toList();
    }

    public String title(UUID habitId) {
        return goals.stream()
                .flatMap(g -> g.habits().stream())
                .filter(h -> h.habitId().equals(habitId))
                .map(HabitFacts::title)
                .findFirst()
                .orElse("a habit");
    }
}
