package dev.goalcoach.coach.offline;

import dev.goalcoach.coach.GoalText;
import dev.goalcoach.coach.Plan;
import dev.goalcoach.coach.PlanRequest;
import dev.goalcoach.coach.PlanRules;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The plan without a model: deterministic rules over the goal's own words and constraints. One main habit at the
 * frequency the goal names (3 a week when it names none), on days spread over the week the member is available,
 * each session's minutes from the weekly budget; a short weekly review when the budget leaves room; milestones
 * after the first week, at halfway and at the target date (8 weeks out when the goal has none). It always fits
 * {@link PlanRules}: it is what stands in when the model's plan does not.
 */
public final class OfflinePlanner {

    public static final String MODEL = "rules-v1";

    static final int DEFAULT_TIMES_PER_WEEK = 3;
    static final int DEFAULT_SESSION_MINUTES = 20;
    static final int REVIEW_MINUTES = 10;
    static final int DEFAULT_WEEKS = 8;
    private static final int MAX_TITLE = PlanRules.MAX_TITLE;

    public Plan plan(PlanRequest goal) {
        String text = goal.text();
        List<DayOfWeek> available = Arrays.stream(DayOfWeek.values())
                .filter(d -> !goal.unavailableDays().contains(d))
                .toList();
        if (available.isEmpty()) {
            available = List.of(DayOfWeek.values()); // nonsense constraint: plan as if none
        }
        String activity = GoalText.activity(goal.title());
        String habitTitle = activity.isEmpty() ? "Work on: " + clip(goal.title(), 180) : clip(activity, MAX_TITLE);

        Plan.Habit main = mainHabit(text, available, goal.unavailableDays().isEmpty(), habitTitle);
        Integer budget = goal.weeklyMinutes();
        Integer perSession = GoalText.sessionMinutes(text).orElse(DEFAULT_SESSION_MINUTES);
        var habits = new ArrayList<Plan.Habit>();
        boolean review;
        int sessions = main.sessionsPerWeek();
        if (budget != null) {
            review = budget - REVIEW_MINUTES >= sessions * 10;
            int forMain = review ? budget - REVIEW_MINUTES : budget;
            perSession = Math.max(1, Math.min(forMain / Math.max(1, sessions), 600));
            if (perSession * sessions > forMain) { // a budget smaller than the sessions: fewer sessions
                main = fewerSessions(main, Math.max(1, forMain), available);
                perSession = 1;
            }
        } else {
            review = true;
        }
        habits.add(withMinutes(main, perSession));
        if (review) {
            habits.add(new Plan.Habit(
                    "Review the week and plan next week's sessions",
                    "WEEKDAYS",
                    List.of(available.get(available.size() - 1)),
                    null,
                    null,
                    REVIEW_MINUTES,
                    null,
                    null,
                    null));
        }
        return new Plan(rationale(goal, habits.get(0), budget), milestones(goal, habitTitle), habits);
    }

    private static Plan.Habit mainHabit(String text, List<DayOfWeek> available, boolean everyDayFree, String title) {
        Set<DayOfWeek> named = EnumSet.noneOf(DayOfWeek.class);
        GoalText.namedDays(text).stream().filter(available::contains).forEach(named::add);
        if (!named.isEmpty()) {
            return habit(title, "WEEKDAYS", named.stream().sorted().toList(), null, null);
        }
        var everyN = GoalText.everyNDays(text);
        if (everyN.isPresent() && everyDayFree) {
            return habit(title, "EVERY_N_DAYS", null, null, everyN.getAsInt());
        }
        int times = GoalText.timesPerWeek(text)
                .orElse(everyN.isPresent() ? (7 + everyN.getAsInt() - 1) / everyN.getAsInt() : DEFAULT_TIMES_PER_WEEK);
        if (times >= available.size()) {
            return everyDayFree
                    ? habit(title, "DAILY", null, null, null)
                    : habit(title, "WEEKDAYS", available, null, null);
        }
        return habit(title, "WEEKDAYS", spread(times, available), null, null);
    }

    /** {@code n} of the available days, as evenly apart as they can be: 3 of seven → Monday, Wednesday, Friday. */
    static List<DayOfWeek> spread(int n, List<DayOfWeek> available) {
        var days = new ArrayList<DayOfWeek>();
        for (int i = 0; i < n; i++) {
            days.add(available.get(i * available.size() / n));
        }
        return days;
    }

    private static Plan.Habit fewerSessions(Plan.Habit h, int sessions, List<DayOfWeek> available) {
        return habit(h.title(), "WEEKDAYS", spread(Math.min(sessions, available.size()), available), null, null);
    }

    private static Plan.Habit habit(String title, String type, List<DayOfWeek> days, Integer n, Integer everyN) {
        return new Plan.Habit(title, type, days, n, everyN, null, null, null, null);
    }

    private static Plan.Habit withMinutes(Plan.Habit h, int minutes) {
        return new Plan.Habit(
                h.title(),
                h.scheduleType(),
                h.days(),
                h.timesPerWeek(),
                h.everyNDays(),
                minutes,
                h.targetValue(),
                h.targetUnit(),
                h.targetDirection());
    }

    private static List<Plan.Subgoal> milestones(PlanRequest goal, String activity) {
        LocalDate today = goal.today();
        LocalDate end = goal.targetDate() != null && !goal.targetDate().isBefore(today)
                ? goal.targetDate()
                : today.plusWeeks(DEFAULT_WEEKS);
        long days = ChronoUnit.DAYS.between(today, end);
        var subgoals = new ArrayList<Plan.Subgoal>();
        if (days > 14) {
            subgoals.add(new Plan.Subgoal(
                    "First week: every planned session of \"" + clip(activity, 120) + "\" done", today.plusDays(7)));
            subgoals.add(
                    new Plan.Subgoal("Halfway: the routine kept in at least 4 weeks of 5", today.plusDays(days / 2)));
        }
        subgoals.add(new Plan.Subgoal(clip("Reached: " + goal.title(), MAX_TITLE), end));
        return subgoals;
    }

    private static String rationale(PlanRequest goal, Plan.Habit main, Integer budget) {
        var why = new StringBuilder("A plan made by rules from the goal's own words. ");
        why.append("\"").append(main.title()).append("\" ");
        why.append(
                switch (main.scheduleType()) {
                    case "DAILY" -> "every day";
                    case "EVERY_N_DAYS" -> "every " + main.everyNDays() + " days";
                    default ->
                        "on "
                                + String.join(
                                        ", ",
                                        main.days().stream()
                                                .map(OfflinePlanner::dayName)
                                                .toList());
                });
        if (!goal.unavailableDays().isEmpty()) {
            why.append(", never on ")
                    .append(String.join(
                            ", ",
                            goal.unavailableDays().stream()
                                    .sorted()
                                    .map(OfflinePlanner::dayName)
                                    .toList()));
        }
        why.append('.');
        if (budget != null) {
            why.append(" Sessions fit the ").append(budget).append(" minutes a week the goal allows.");
        }
        return why.toString();
    }

    private static String dayName(DayOfWeek d) {
        return d.name().charAt(0) + d.name().substring(1).toLowerCase();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
