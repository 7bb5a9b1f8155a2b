package dev.goalcoach.coach.offline;

import dev.goalcoach.coach.CoachContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The coach without a model: deterministic answers built from the member's own numbers. It recognises what the
 * member asks about (progress, today's habits, a struggle, their plan) by keywords, and answers with what the
 * context holds — adherence, streaks, the strongest and weakest habit, what is due today, the risk's reasons —
 * saying plainly when part of the context could not be fetched.
 */
public final class OfflineCoach {

    public static final String MODEL = "coach-rules-v1";

    private static final Pattern PROGRESS = Pattern.compile(
            "\\b(how am i|how('| a)?m i doing|progress|adherence|streak|stats?|doing so far|on track)\\b");
    private static final Pattern TODAY = Pattern.compile("\\b(today|tonight|now|next|what should i)\\b");
    private static final Pattern STRUGGLE = Pattern.compile(
            "\\b(tired|motivat\\w*|hard|struggl\\w*|skipp?\\w*|miss(ed|ing)?|lazy|fail\\w*|behind|give up|stressed|sick)\\b");
    private static final Pattern PLAN = Pattern.compile("\\b(plan|habits?|goals?|schedule)\\b");

    public String reply(String message, CoachContext ctx) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        var parts = new ArrayList<String>();
        if (STRUGGLE.matcher(m).find()) {
            parts.add(struggle(ctx));
        } else if (PROGRESS.matcher(m).find()) {
            parts.add(progress(ctx));
        } else if (TODAY.matcher(m).find()) {
            parts.add(today(ctx));
        } else if (PLAN.matcher(m).find()) {
            parts.add(plan(ctx));
        } else {
            parts.add(progress(ctx));
            parts.add(today(ctx));
        }
        String unavailable = unavailable(ctx);
        if (!unavailable.isEmpty()) {
            parts.add(unavailable);
        }
        return String.join("\n\n", parts);
    }

    /** "Your 7-day adherence is 71 % ...": the numbers, the strongest and the weakest habit. */
    String progress(CoachContext ctx) {
        var metrics = ctx.metrics();
        if (metrics == null) {
            return CoachContext.NOT_YET.equals(ctx.sources().get("metrics"))
                    ? "I don't have numbers for you yet: they appear once your first check-ins are counted."
                    : "I can't see your numbers right now.";
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
        var ranked = metrics.habits().entrySet().stream()
                .filter(e -> e.getValue().strength() != null)
                .sorted(Comparator.comparing((Map.Entry<UUID, CoachContext.HabitMetrics> e) ->
                        e.getValue().strength()))
                .toList();
        if (ranked.size() >= 2) {
            out.append(" Strongest habit: ")
                    .append(ctx.title(ranked.get(ranked.size() - 1).getKey()))
                    .append("; the one that needs you most: ")
                    .append(ctx.title(ranked.get(0).getKey()))
                    .append('.');
        }
        return out.toString();
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
        var done = ctx.checkins().stream()
                .filter(c -> c.date().equals(ctx.today()))
                .map(CoachContext.CheckinFacts::habitId)
                .toList();
        var open = due.stream()
                .filter(h -> !done.contains(h.habitId()))
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

    String struggle(CoachContext ctx) {
        var out = new StringBuilder("That happens to everyone who keeps going. ");
        var metrics = ctx.metrics();
        if (metrics != null
                && metrics.riskReasons() != null
                && !metrics.riskReasons().isEmpty()) {
            out.append("What I see: ").append(metrics.riskReasons().get(0)).append(". ");
        }
        if (metrics != null && metrics.longestStreak() > 0) {
            out.append("You have kept it up for ")
                    .append(count(metrics.longestStreak(), metrics.streakUnit()))
                    .append(" in a row before, so you can again. ");
        }
        var due = ctx.activeHabits().stream().filter(h -> h.dueOn(ctx.today())).toList();
        if (!due.isEmpty()) {
            out.append("Pick the smallest version of ")
                    .append(due.get(0).title())
                    .append(" you can do today, and check it in.");
        } else {
            out.append("Pick the smallest step you can do today, and check it in.");
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

    private static String schedule(CoachContext.HabitFacts h) {
        return h.title() + " "
                + switch (h.scheduleType()) {
                    case "DAILY" -> "every day";
                    case "WEEKDAYS" ->
                        "on "
                                + String.join(
                                        ", ",
                                        h.days().stream()
                                                .map(d -> d.name().charAt(0)
                                                        + d.name()
                                                                .substring(1, 3)
                                                                .toLowerCase())
                                                .toList());
                    case "TIMES_PER_WEEK" -> h.timesPerWeek() + " times a week";
                    case "EVERY_N_DAYS" -> "every " + h.everyNDays() + " days";
                    default -> "";
                };
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
