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
 * (analytics-service) and the last two weeks' check-ins (goal-service: {@link #CHECKIN_DAYS} days before today and
 * today), each with where it came from. A part its service
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

    /** How many days before today the context's check-ins go back: this week and last, to yesterday. */
    public static final int CHECKIN_DAYS = 14;

    public record GoalFacts(UUID goalId, String title, String status, String planStatus, List<HabitFacts> habits) {}

    public record HabitFacts(
            UUID habitId,
            String title,
            String scheduleType,
            List<DayOfWeek> days,
            Integer timesPerWeek,
            Integer everyNDays,
            LocalDate startDate,
            boolean active,
            Target target) {

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

    /** A measured habit's target: {@code direction} AT_LEAST (the default) or AT_MOST, in {@code unit}. */
    public record Target(BigDecimal value, String unit, String direction) {

        public boolean atMost() {
            return "AT_MOST".equals(direction);
        }

        /** Whether {@code logged} keeps the target (a DONE day without a value keeps it, as analytics counts). */
        public boolean keptBy(BigDecimal logged) {
            return logged == null || (atMost() ? logged.compareTo(value) <= 0 : logged.compareTo(value) >= 0);
        }

        /** "at most 2 hours". */
        public String describe() {
            return (atMost() ? "at most " : "at least ")
                    + value.stripTrailingZeros().toPlainString()
                    + (unit == null || unit.isBlank() ? "" : " " + unit);
        }
    }

    /** A check-in: its day, status and, for a measured habit, the value logged. */
    public record CheckinFacts(UUID habitId, LocalDate date, String status, BigDecimal value) {

        public CheckinFacts(UUID habitId, LocalDate date, String status) {
            this(habitId, date, status, null);
        }
    }

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

    /** Planned sessions met and owed over {@code from}…{@code to}, of the active habits. */
    public record Tally(int met, int owed) {}

    /**
     * What the active habits owed over {@code from}…{@code to} (whole days) and how many of those sessions a DONE
     * check-in met: a scheduled habit owes its due days from its start, an n-per-week habit n sessions a 7 days
     * (fewer for a shorter span) met by up to n DONE days; a day checked in SKIPPED is excused (neither owed nor met).
     */
    public Tally tally(LocalDate from, LocalDate to) {
        int met = 0;
        int owed = 0;
        for (var h : activeHabits()) {
            var done = checkins.stream()
                    .filter(c -> c.habitId().equals(h.habitId())
                            && !c.date().isBefore(from)
                            && !c.date().isAfter(to))
                    .toList();
            if ("TIMES_PER_WEEK".equals(h.scheduleType())) {
                int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
                int n = h.timesPerWeek() == null ? 0 : (int) Math.round(h.timesPerWeek() * Math.min(days, 7) / 7.0);
                int kept = (int) done.stream()
                        .filter(c -> met(h, c))
                        .map(CheckinFacts::date)
                        .distinct()
                        .count();
                owed += n;
                met += Math.min(n, kept);
                continue;
            }
            for (var d = from; !d.isAfter(to); d = d.plusDays(1)) {
                var day = d;
                if (!h.dueOn(day)) {
                    continue;
                }
                var on = done.stream()
                        .filter(c -> c.date().equals(day))
                        .map(CheckinFacts::status)
                        .toList();
                if (on.contains("SKIPPED") && !on.contains("DONE")) {
                    continue;
                }
                owed++;
                met += metOn(h, day) ? 1 : 0;
            }
        }
        return new Tally(met, owed);
    }

    /** Whether {@code c} meets its habit: DONE, and within its target when it has one and a value was logged. */
    public static boolean met(HabitFacts h, CheckinFacts c) {
        return "DONE".equals(c.status()) && (h.target() == null || h.target().keptBy(c.value()));
    }

    /** Whether a check-in of {@code date} meets the habit. */
    public boolean metOn(HabitFacts h, LocalDate date) {
        return checkins.stream()
                .anyMatch(c -> c.habitId().equals(h.habitId()) && c.date().equals(date) && met(h, c));
    }

    /** The value logged for the habit on {@code date} (a DONE check-in's first), or null. */
    public BigDecimal valueOn(UUID habitId, LocalDate date) {
        return checkins.stream()
                .filter(c -> c.habitId().equals(habitId) && c.date().equals(date) && c.value() != null)
                .map(CheckinFacts::value)
                .findFirst()
                .orElse(null);
    }

    /** The habit's check-in status on {@code date} (DONE before SKIPPED before anything else), or null. */
    public String statusOn(UUID habitId, LocalDate date) {
        var on = checkins.stream()
                .filter(c -> c.habitId().equals(habitId) && c.date().equals(date))
                .map(CheckinFacts::status)
                .toList();
        return on.contains("DONE") ? "DONE" : on.contains("SKIPPED") ? "SKIPPED" : on.isEmpty() ? null : on.get(0);
    }

    /** Every title of the goals and their habits (what an answer may name). */
    public List<String> titles() {
        var out = new java.util.ArrayList<String>();
        for (var g : goals) {
            out.add(g.title());
            g.habits().forEach(h -> out.add(h.title()));
        }
        return out;
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
