package dev.goalcoach.coach.offline;

import dev.goalcoach.coach.CoachContext;
import dev.goalcoach.kit.ai.Questions;
import dev.goalcoach.kit.ai.Questions.Asked;
import dev.goalcoach.kit.ai.Questions.Metric;
import dev.goalcoach.kit.ai.Schedules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The coach without a model: deterministic answers built from the member's own numbers, to the question asked
 * ({@link Questions}: progress, a figure by name, what is due today, this week against last, a missed day or wanting
 * to quit, a plan change, the schedule, help, and a polite refusal for the off-topic and for attempts to steer it or
 * reach someone else's data). A setback's premise is checked against the member's check-ins, not taken as true.
 * Every number comes from the context ({@code ChatCoach.contextAsData} shows the same figures to a model, and the
 * evaluation set checks both against the grounding guard); a part of the context that could not be fetched is said.
 */
public final class OfflineCoach {

    public static final String MODEL = "coach-rules-v2";

    static final String CAN_DO = "I can tell you how you're doing (adherence over 7, 30 or 90 days, streaks, habit"
            + " strength, risk), what's due today, how this week compares with last, and what your plan looks like.";

    public String reply(String message, CoachContext ctx) {
        var asked = Questions.read(message, Questions.Audience.MEMBER);
        var parts = new ArrayList<String>();
        switch (asked.intent()) {
            case INJECTION ->
                parts.add("I can only talk about your own goals and habits, and I keep to my role as" + " your coach. "
                        + CAN_DO);
            case OFF_TOPIC -> parts.add("That's outside what I can help with: I'm your habit coach. " + CAN_DO);
            case HELP -> {
                parts.add("Hi! I'm your GoalCoach. " + CAN_DO);
                parts.add(today(ctx));
            }
            case SETBACK -> parts.add(setback(asked, message, ctx));
            case PLAN_CHANGE -> parts.add(planChange(ctx));
            case SCHEDULE -> parts.add(plan(ctx) + " " + today(ctx));
            case WEEK_OVER_WEEK -> parts.add(weekOverWeek(ctx));
            case DUE_TODAY -> parts.add(today(ctx));
            case DAY -> parts.add(day(asked, ctx));
            case METRIC -> parts.add(metrics(asked, ctx));
            default -> {
                parts.add(progress(ctx));
                parts.add(today(ctx));
            }
        }
        if (asked.intent() != Questions.Intent.INJECTION && asked.intent() != Questions.Intent.OFF_TOPIC) {
            String unavailable = unavailable(ctx);
            if (!unavailable.isEmpty()) {
                parts.add(unavailable);
            }
        }
        return String.join("\n\n", parts);
    }

    /** "Your 7-day adherence is 71 % ...": the numbers, the strongest and the weakest habit. */
    String progress(CoachContext ctx) {
        var metrics = ctx.metrics();
        if (metrics == null) {
            return noNumbers(ctx);
        }
        var out = new StringBuilder();
        if (metrics.adherence7() == null) {
            out.append("Nothing was due in the last 7 days, so there is no 7-day adherence yet.");
        } else {
            out.append("Your 7-day adherence is ").append(percent(metrics.adherence7()));
            if (metrics.adherence30() != null) {
                out.append(" (30 days: ").append(percent(metrics.adherence30())).append(')');
            }
            out.append(". ");
            out.append(verdict(metrics.adherence7(), metrics.adherence30()));
        }
        out.append(" Your current streak is ")
                .append(count(metrics.currentStreak(), metrics.streakUnit()))
                .append(" (longest: ")
                .append(count(metrics.longestStreak(), metrics.streakUnit()))
                .append(").");
        var ranked = ranked(ctx);
        if (ranked.size() >= 2) {
            out.append(" Strongest habit: ")
                    .append(ctx.title(ranked.get(ranked.size() - 1).getKey()))
                    .append("; the one that needs you most: ")
                    .append(ctx.title(ranked.get(0).getKey()))
                    .append('.');
        }
        return out.toString();
    }

    /** The figures asked for by name, in the order asked. */
    String metrics(Asked asked, CoachContext ctx) {
        var m = ctx.metrics();
        if (m == null) {
            return noNumbers(ctx);
        }
        var out = new ArrayList<String>();
        for (Metric metric : asked.metrics()) {
            switch (metric) {
                case CURRENT_STREAK -> {
                    var line = new StringBuilder("Your current streak is ")
                            .append(count(m.currentStreak(), m.streakUnit()))
                            .append('.');
                    var habits = new ArrayList<String>();
                    for (var h : ctx.activeHabits()) {
                        var hm = m.habits().get(h.habitId());
                        if (hm != null) {
                            habits.add(h.title() + " " + count(hm.currentStreak(), hm.streakUnit()));
                        }
                    }
                    if (habits.size() > 1) {
                        line.append(" By habit: ")
                                .append(String.join(", ", habits))
                                .append('.');
                    }
                    out.add(line.toString());
                }
                case LONGEST_STREAK ->
                    out.add("Your longest streak is "
                            + count(m.longestStreak(), m.streakUnit()) + " (current: "
                            + count(m.currentStreak(), m.streakUnit()) + ").");
                case ADHERENCE -> {
                    var windows = asked.windows().isEmpty() ? List.of(7, 30) : asked.windows();
                    for (int w : windows) {
                        BigDecimal a = w == 7 ? m.adherence7() : w == 30 ? m.adherence30() : m.adherence90();
                        out.add(
                                a == null
                                        ? "Nothing was due in the last " + w + " days, so there is no " + w
                                                + "-day adherence yet."
                                        : "Your " + w + "-day adherence is " + percent(a) + ".");
                    }
                }
                case STRENGTH -> {
                    var ranked = ranked(ctx);
                    if (ranked.isEmpty()) {
                        out.add("Your habits have no strength figure yet.");
                    } else {
                        var lines = new ArrayList<String>();
                        for (int i = ranked.size() - 1; i >= 0; i--) {
                            lines.add(ctx.title(ranked.get(i).getKey()) + " "
                                    + percent(ranked.get(i).getValue().strength()));
                        }
                        out.add("Habit strength, strongest first: " + String.join(", ", lines) + ".");
                    }
                }
                case RISK -> {
                    if (m.riskLevel() == null) {
                        out.add("There is no risk figure for you yet.");
                    } else {
                        String reasons =
                                m.riskReasons() == null || m.riskReasons().isEmpty()
                                        ? "."
                                        : ": " + String.join("; ", m.riskReasons()) + ".";
                        out.add("Your risk of dropping off is " + m.riskLevel().toLowerCase(Locale.ROOT) + " ("
                                + m.riskScore() + "/100)" + reasons);
                    }
                }
            }
        }
        return String.join(" ", out);
    }

    private static List<Map.Entry<UUID, CoachContext.HabitMetrics>> ranked(CoachContext ctx) {
        if (ctx.metrics() == null) {
            return List.of();
        }
        var active = ctx.activeHabits().stream()
                .map(CoachContext.HabitFacts::habitId)
                .toList();
        return ctx.metrics().habits().entrySet().stream()
                .filter(e -> e.getValue().strength() != null && active.contains(e.getKey()))
                .sorted(Comparator.comparing((Map.Entry<UUID, CoachContext.HabitMetrics> e) ->
                        e.getValue().strength()))
                .toList();
    }

    private static String verdict(BigDecimal week, BigDecimal month) {
        double w = week.doubleValue();
        if (w >= 0.8) {
            return "That is on track.";
        }
        if (month != null && w < month.doubleValue() - 0.15) {
            return "That is below your usual: let's find what got in the way this week.";
        }
        return w >= 0.5
                ? "Close: one or two more sessions a week gets you on track."
                : "Let's make the next session easy to start.";
    }

    String today(CoachContext ctx) {
        if (ctx.goals().isEmpty()) {
            return CoachContext.UNAVAILABLE.equals(ctx.sources().get("goals"))
                    ? "I can't see your plan right now."
                    : "You have no goals yet: tell me one and I'll make a plan for it.";
        }
        var due = ctx.activeHabits().stream().filter(h -> h.dueOn(ctx.today())).toList();
        var open = due.stream()
                .filter(h -> ctx.statusOn(h.habitId(), ctx.today()) == null)
                .map(CoachContext.HabitFacts::title)
                .toList();
        var weekly = ctx.activeHabits().stream()
                .filter(h -> "TIMES_PER_WEEK".equals(h.scheduleType()))
                .map(h -> h.title() + " (" + h.timesPerWeek() + " a week)")
                .toList();
        var out = new StringBuilder();
        if (due.isEmpty()) {
            out.append("Nothing is scheduled for today.");
        } else if (open.isEmpty()) {
            out.append("Everything due today is checked in. Well done.");
        } else {
            out.append("Due today: ").append(String.join(", ", open)).append('.');
        }
        if (!weekly.isEmpty()) {
            out.append(" Any day this week: ").append(String.join(", ", weekly)).append('.');
        }
        return out.toString();
    }

    /** The last 7 days to yesterday against the 7 days before, sessions met of those planned. */
    String weekOverWeek(CoachContext ctx) {
        if (CoachContext.UNAVAILABLE.equals(ctx.sources().get("checkins"))) {
            return "I can't see your recent check-ins right now, so I can't compare the weeks.";
        }
        var last = lastWeek(ctx);
        var before = weekBefore(ctx);
        if (last.owed() == 0 && before.owed() == 0) {
            return "Nothing was planned in the last two weeks, so there is nothing to compare yet.";
        }
        var out = new StringBuilder("In the last 7 days you met ")
                .append(sessions(last))
                .append("; the 7 days before, ")
                .append(sessions(before))
                .append('.');
        if (last.owed() > 0 && before.owed() > 0) {
            double now = (double) last.met() / last.owed();
            double then = (double) before.met() / before.owed();
            out.append(
                    now > then + 0.005
                            ? " Better than the week before: keep that rhythm."
                            : now < then - 0.005
                                    ? " A dip from the week before: pick the easiest habit and do it today."
                                    : " The same as the week before.");
        }
        return out.toString();
    }

    /** A missed day or wanting to quit: the named day as the check-ins show it, then what the record says. */
    String setback(Asked asked, String message, CoachContext ctx) {
        var out = new StringBuilder();
        LocalDate day = dayNamed(asked, ctx.today());
        if (day != null && !CoachContext.UNAVAILABLE.equals(ctx.sources().get("checkins"))) {
            String when = dayName(day, ctx.today());
            var scheduled =
                    ctx.activeHabits().stream().filter(h -> h.dueOn(day)).toList();
            // "I missed my run": the habits the question names, when it names any
            var named =
                    scheduled.stream().filter(h -> names(message, h.title())).toList();
            var due = named.isEmpty() ? scheduled : named;
            var kept = due.stream().filter(h -> ctx.metOn(h, day)).toList();
            var skipped = due.stream()
                    .filter(h -> "SKIPPED".equals(ctx.statusOn(h.habitId(), day)))
                    .map(CoachContext.HabitFacts::title)
                    .toList();
            var off = due.stream()
                    .filter(h -> "DONE".equals(ctx.statusOn(h.habitId(), day)) && !ctx.metOn(h, day))
                    .toList();
            var missed = due.stream()
                    .filter(h -> ctx.statusOn(h.habitId(), day) == null)
                    .map(CoachContext.HabitFacts::title)
                    .toList();
            if (day.isBefore(ctx.today().minusDays(CoachContext.CHECKIN_DAYS))) {
                out.append("I can only see your last two weeks of check-ins. ");
            } else if (due.isEmpty()) {
                out.append("Nothing was scheduled ").append(when).append(", so there was nothing to miss. ");
            } else if (missed.isEmpty() && off.isEmpty()) {
                out.append("Your check-ins say otherwise: ").append(when).append(" is logged — ");
                var logged = new ArrayList<String>();
                kept.forEach(h -> logged.add(logged(h, day, ctx)));
                skipped.forEach(t -> logged.add(t + " skipped"));
                out.append(String.join(", ", logged)).append(". Nothing was missed. ");
            } else if (day.equals(ctx.today()) && off.isEmpty()) {
                out.append("The day isn't over: ")
                        .append(String.join(", ", missed))
                        .append(missed.size() == 1 ? " is" : " are")
                        .append(" still open for today. ");
            } else {
                out.append("Yes, ").append(when).append(' ');
                var what = new ArrayList<String>();
                if (!missed.isEmpty()) {
                    what.add(String.join(", ", missed) + (missed.size() == 1 ? " wasn't" : " weren't") + " checked in");
                }
                off.forEach(h -> what.add(logged(h, day, ctx)));
                out.append(String.join("; ", what));
                if (!kept.isEmpty()) {
                    out.append(" (")
                            .append(String.join(
                                    ", ",
                                    kept.stream().map(h -> logged(h, day, ctx)).toList()))
                            .append(')');
                }
                out.append(". One missed day doesn't undo your work. ");
            }
        }
        var m = ctx.metrics();
        if (asked.quitting() || day == null) {
            if (m != null && m.riskReasons() != null && !m.riskReasons().isEmpty()) {
                out.append("What I see: ").append(m.riskReasons().get(0)).append(". ");
            }
            var last = lastWeek(ctx);
            if (last.owed() > 0
                    && !CoachContext.UNAVAILABLE.equals(ctx.sources().get("checkins"))) {
                out.append("In the last 7 days you met ").append(sessions(last)).append(". ");
            }
            if (m != null && m.longestStreak() > 0) {
                out.append("You have kept it up for ")
                        .append(count(m.longestStreak(), m.streakUnit()))
                        .append(" in a row before, so you can again. ");
            }
            if (asked.quitting()) {
                out.append("Before giving up, make it lighter: a smaller or less frequent version of the habit you"
                        + " keep least is easier to keep than stopping. Ask me to change your plan and I'll show you"
                        + " how. ");
            }
        }
        var due = ctx.activeHabits().stream()
                .filter(h -> h.dueOn(ctx.today()) && ctx.statusOn(h.habitId(), ctx.today()) == null)
                .toList();
        out.append(
                due.isEmpty()
                        ? "Pick the smallest step you can do today, and check it in."
                        : "Pick the smallest version of " + due.get(0).title() + " you can do today, and check it in.");
        return out.toString();
    }

    /** Whether {@code message} names the habit: its title, or the title's first word of four letters or more. */
    static boolean names(String message, String title) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        String t = title.toLowerCase(Locale.ROOT);
        String first = t.split("\\s+")[0];
        return m.contains(t) || (first.length() >= 4 && m.matches("(?s).*\\b" + Pattern.quote(first) + ".*"));
    }

    /** What was logged for a habit on a day: "Walk done", "Steps 9500 steps, target kept (at least 8000 steps)". */
    static String logged(CoachContext.HabitFacts h, LocalDate day, CoachContext ctx) {
        String status = ctx.statusOn(h.habitId(), day);
        if (status == null) {
            return h.title() + " not logged";
        }
        var value = ctx.valueOn(h.habitId(), day);
        if (h.target() == null || value == null || !"DONE".equals(status)) {
            return h.title() + " " + status.toLowerCase(Locale.ROOT);
        }
        String amount = value.stripTrailingZeros().toPlainString()
                + (h.target().unit() == null ? "" : " " + h.target().unit());
        return h.title() + " " + amount + ", "
                + (h.target().keptBy(value)
                        ? "target kept (" + h.target().describe() + ")"
                        : (h.target().atMost() ? "over its limit (" : "short of its target (")
                                + h.target().describe() + ")");
    }

    /** A day's record: each habit due or logged that day, kept, skipped, off target or not logged. */
    String day(Asked asked, CoachContext ctx) {
        LocalDate day = dayNamed(asked, ctx.today());
        if (CoachContext.UNAVAILABLE.equals(ctx.sources().get("checkins"))) {
            return "I can't see your recent check-ins right now.";
        }
        if (day.isBefore(ctx.today().minusDays(CoachContext.CHECKIN_DAYS))) {
            return "I can only see your last two weeks of check-ins.";
        }
        var habits = ctx.activeHabits().stream()
                .filter(h -> h.dueOn(day) || ctx.statusOn(h.habitId(), day) != null)
                .map(h -> logged(h, day, ctx))
                .toList();
        String when = dayName(day, ctx.today());
        return habits.isEmpty()
                ? "Nothing was scheduled or logged " + when + "."
                : Character.toUpperCase(when.charAt(0)) + when.substring(1) + ": " + String.join("; ", habits) + ".";
    }

    /** Plans change through suggestions: where they are and what the record says about each habit. */
    String planChange(CoachContext ctx) {
        var out = new StringBuilder("I can't change your plan from the chat, but you can accept a change: every"
                + " Wednesday the coach suggests a lighter schedule for the habit you keep least and a step up for the"
                + " one you keep best, and you (or your mentor) accept or reject each under Suggestions.");
        var ranked = ranked(ctx);
        if (!ranked.isEmpty()) {
            var weakest = ranked.get(0);
            out.append(" Right now the habit that needs you most is ")
                    .append(ctx.title(weakest.getKey()))
                    .append(" (strength ")
                    .append(percent(weakest.getValue().strength()))
                    .append(").");
        }
        String plan = plan(ctx);
        if (!plan.isEmpty()) {
            out.append(' ').append(plan);
        }
        return out.toString();
    }

    String plan(CoachContext ctx) {
        if (ctx.goals().isEmpty()) {
            return today(ctx);
        }
        var lines = new ArrayList<String>();
        for (var g : ctx.goals()) {
            if (!"ACTIVE".equals(g.status())) {
                continue;
            }
            var habits = g.habits().stream()
                    .filter(CoachContext.HabitFacts::active)
                    .map(OfflineCoach::schedule)
                    .toList();
            lines.add(g.title() + (habits.isEmpty() ? ": no habits yet" : ": " + String.join("; ", habits)));
        }
        return lines.isEmpty() ? "You have no active goals." : "Your plan — " + String.join(". ", lines) + ".";
    }

    /** The 7 days to yesterday. */
    public static CoachContext.Tally lastWeek(CoachContext ctx) {
        return ctx.tally(ctx.today().minusDays(7), ctx.today().minusDays(1));
    }

    /** The 7 days before those. */
    public static CoachContext.Tally weekBefore(CoachContext ctx) {
        return ctx.tally(ctx.today().minusDays(14), ctx.today().minusDays(8));
    }

    private static String sessions(CoachContext.Tally t) {
        return t.met() + " of " + t.owed() + " planned sessions"
                + (t.owed() == 0 ? "" : " (" + Math.round(100.0 * t.met() / t.owed()) + " %)");
    }

    private static LocalDate dayNamed(Asked asked, LocalDate today) {
        if (asked.daysAgo() != null) {
            return today.minusDays(asked.daysAgo());
        }
        if (asked.weekday() != null) {
            var d = today.minusDays(1);
            while (d.getDayOfWeek() != asked.weekday()) {
                d = d.minusDays(1);
            }
            return d;
        }
        return null;
    }

    private static String dayName(LocalDate day, LocalDate today) {
        if (day.equals(today)) {
            return "today";
        }
        if (day.equals(today.minusDays(1))) {
            return "yesterday";
        }
        return "on " + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static String noNumbers(CoachContext ctx) {
        return CoachContext.NOT_YET.equals(ctx.sources().get("metrics"))
                ? "I don't have numbers for you yet: they appear once your first check-ins are counted."
                : "I can't see your numbers right now.";
    }

    private static String schedule(CoachContext.HabitFacts h) {
        return h.title() + " " + Schedules.describe(h.scheduleType(), h.days(), h.timesPerWeek(), h.everyNDays())
                + (h.target() == null ? "" : " (" + h.target().describe() + ")");
    }

    private static String unavailable(CoachContext ctx) {
        var missing = new ArrayList<String>();
        if (CoachContext.UNAVAILABLE.equals(ctx.sources().get("goals"))) {
            missing.add("your goals");
        }
        if (CoachContext.UNAVAILABLE.equals(ctx.sources().get("metrics"))) {
            missing.add("your latest numbers");
        }
        if (CoachContext.UNAVAILABLE.equals(ctx.sources().get("checkins"))) {
            missing.add("your recent check-ins");
        }
        return missing.isEmpty()
                ? ""
                : "(I couldn't reach " + String.join(" and ", missing) + " just now, so this answer leaves them out.)";
    }

    static String percent(BigDecimal ratio) {
        return Math.round(ratio.doubleValue() * 100) + " %";
    }

    private static String count(int n, String unit) {
        String u = unit == null ? "day" : unit;
        return n + " " + u + (n == 1 ? "" : "s");
    }
}
