package dev.goalcoach.coach;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a plan fits its goal: the shape every plan must have (1–8 habits, up to 12 subgoals, each schedule
 * complete and consistent) and the goal's constraints (the weekly time budget, the days the member is not
 * available, the target date). The problems are worded for the model's repair attempt as much as for a log.
 */
public final class PlanRules {

    public static final int MAX_HABITS = 8;
    public static final int MAX_SUBGOALS = 12;
    public static final int MAX_TITLE = 200;

    /** What is wrong with {@code plan} for {@code goal}; empty when it fits. */
    public static List<String> problems(Plan plan, PlanRequest goal) {
        var problems = new ArrayList<String>();
        if (plan.habits().isEmpty() || plan.habits().size() > MAX_HABITS) {
            problems.add("a plan has 1 to " + MAX_HABITS + " habits, this one has "
                    + plan.habits().size());
        }
        if (plan.subgoals().size() > MAX_SUBGOALS) {
            problems.add("a plan has at most " + MAX_SUBGOALS + " subgoals, this one has "
                    + plan.subgoals().size());
        }
        if (plan.rationale() != null && plan.rationale().length() > 4000) {
            problems.add("the rationale is longer than 4000 characters");
        }
        for (int i = 0; i < plan.subgoals().size(); i++) {
            var s = plan.subgoals().get(i);
            String at = "subgoals[" + i + "]";
            title(problems, at, s.title());
            if (s.dueDate() != null && s.dueDate().isBefore(goal.today())) {
                problems.add(at + ".dueDate " + s.dueDate() + " is in the past (today is " + goal.today() + ")");
            }
            if (s.dueDate() != null && goal.targetDate() != null && s.dueDate().isAfter(goal.targetDate())) {
                problems.add(at + ".dueDate " + s.dueDate() + " is after the goal's target date " + goal.targetDate());
            }
        }
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < plan.habits().size(); i++) {
            var h = plan.habits().get(i);
            String at = "habits[" + i + "]";
            title(problems, at, h.title());
            if (h.title() != null && !titles.add(h.title().strip().toLowerCase())) {
                problems.add(at + ".title repeats another habit's title");
            }
            schedule(problems, at, h, goal.unavailableDays());
            if (h.minutesPerSession() != null && (h.minutesPerSession() < 1 || h.minutesPerSession() > 600)) {
                problems.add(at + ".minutesPerSession must be 1 to 600");
            }
            if (h.targetValue() != null && h.targetValue().signum() < 0) {
                problems.add(at + ".targetValue must not be negative");
            }
            if (h.targetDirection() != null
                    && !h.targetDirection().equals("AT_LEAST")
                    && !h.targetDirection().equals("AT_MOST")) {
                problems.add(at + ".targetDirection must be AT_LEAST or AT_MOST");
            }
            if (h.targetUnit() != null && h.targetUnit().length() > 30) {
                problems.add(at + ".targetUnit is longer than 30 characters");
            }
        }
        Integer budget = goal.weeklyMinutes();
        if (budget != null && plan.weeklyMinutes() > budget) {
            problems.add("the habits take " + plan.weeklyMinutes() + " minutes in a week, the goal allows " + budget
                    + " (sessions per week × minutesPerSession, summed over habits)");
        }
        if (budget != null && plan.habits().stream().allMatch(h -> h.minutesPerSession() == null)) {
            problems.add("the goal has a weekly time budget of " + budget
                    + " minutes: give each timed habit its minutesPerSession");
        }
        return problems;
    }

    private static void title(List<String> problems, String at, String title) {
        if (title == null || title.isBlank()) {
            problems.add(at + ".title is missing");
        } else if (title.length() > MAX_TITLE) {
            problems.add(at + ".title is longer than " + MAX_TITLE + " characters");
        }
    }

    private static void schedule(List<String> problems, String at, Plan.Habit h, Set<DayOfWeek> unavailable) {
        String type = h.scheduleType();
        if (type == null) {
            problems.add(at + ".scheduleType is missing (DAILY, WEEKDAYS, TIMES_PER_WEEK or EVERY_N_DAYS)");
            return;
        }
        boolean hasDays = h.days() != null && !h.days().isEmpty();
        switch (type) {
            case "DAILY" -> {
                extra(problems, at, hasDays, h.timesPerWeek(), h.everyNDays());
                if (!unavailable.isEmpty()) {
                    problems.add(at + " is DAILY but the member is not available on " + names(unavailable)
                            + ": use WEEKDAYS without those days");
                }
            }
            case "WEEKDAYS" -> {
                if (!hasDays) {
                    problems.add(at + ".days is required for WEEKDAYS");
                } else {
                    if (new HashSet<>(h.days()).size() != h.days().size()) {
                        problems.add(at + ".days repeats a day");
                    }
                    var clash = EnumSet.noneOf(DayOfWeek.class);
                    h.days().stream().filter(unavailable::contains).forEach(clash::add);
                    if (!clash.isEmpty()) {
                        problems.add(at + ".days includes " + names(clash) + ", when the member is not available");
                    }
                }
                extra(problems, at, false, h.timesPerWeek(), h.everyNDays());
            }
            case "TIMES_PER_WEEK" -> {
                int available = 7 - unavailable.size();
                if (h.timesPerWeek() == null || h.timesPerWeek() < 1 || h.timesPerWeek() > 7) {
                    problems.add(at + ".timesPerWeek must be 1 to 7 for TIMES_PER_WEEK");
                } else if (h.timesPerWeek() > available) {
                    problems.add(at + ".timesPerWeek " + h.timesPerWeek() + " is more than the " + available
                            + " days a week the member is available");
                }
                extra(problems, at, hasDays, null, h.everyNDays());
            }
            case "EVERY_N_DAYS" -> {
                if (h.everyNDays() == null || h.everyNDays() < 1 || h.everyNDays() > 365) {
                    problems.add(at + ".everyNDays must be 1 to 365 for EVERY_N_DAYS");
                } else if (!unavailable.isEmpty() && h.everyNDays() % 7 != 0) {
                    problems.add(at + " every " + h.everyNDays() + " days falls on " + names(unavailable)
                            + " some weeks, when the member is not available: use WEEKDAYS");
                }
                extra(problems, at, hasDays, h.timesPerWeek(), null);
            }
            default ->
                problems.add(
                        at + ".scheduleType " + type + " is not one of DAILY, WEEKDAYS, TIMES_PER_WEEK, EVERY_N_DAYS");
        }
    }

    private static void extra(List<String> problems, String at, boolean days, Integer timesPerWeek, Integer everyN) {
        if (days) {
            problems.add(at + ".days belongs to WEEKDAYS schedules only");
        }
        if (timesPerWeek != null) {
            problems.add(at + ".timesPerWeek belongs to TIMES_PER_WEEK schedules only");
        }
        if (everyN != null) {
            problems.add(at + ".everyNDays belongs to EVERY_N_DAYS schedules only");
        }
    }

    private static String names(Set<DayOfWeek> days) {
        return days.stream().sorted().map(DayOfWeek::name).toList().toString();
    }

    private PlanRules() {}
}
