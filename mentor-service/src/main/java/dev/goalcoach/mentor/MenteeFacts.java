package dev.goalcoach.mentor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.kit.ai.Redaction;
import dev.goalcoach.kit.ai.Schedules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the copilot knows of one mentee, read from the parts other services gave (analytics-service's metrics and
 * series, goal-service's goals, journal and suggestions): numbers and labels only — no name, no id, no journal
 * text. A part that was missing leaves its facts null and is named in {@link #sources}.
 */
public record MenteeFacts(
        Map<String, String> sources,
        BigDecimal adherence7,
        BigDecimal adherence30,
        BigDecimal adherence90,
        Integer currentStreak,
        Integer longestStreak,
        String streakUnit,
        Integer riskScore,
        String riskLevel,
        List<String> riskReasons,
        Week lastWeek,
        Week weekBefore,
        Mood mood,
        List<String> activeGoals,
        Integer openSuggestions,
        List<Habit> habits) {

    /** An active habit: its title (redacted) and schedule in words, with its target when measured. */
    public record Habit(String title, String schedule) {
        @Override
        public String toString() {
            return title + " " + schedule;
        }
    }

    /** Occurrences met of those owed over seven days of the series. */
    public record Week(int met, int owed) {
        public BigDecimal ratio() {
            return owed == 0 ? null : BigDecimal.valueOf(met).divide(BigDecimal.valueOf(owed), 2, RoundingMode.HALF_UP);
        }
    }

    /** The journal's last entries: how many, their mean mood (1–5), how many read negative and positive. */
    public record Mood(int entries, BigDecimal meanMood, int negative, int positive) {}

    public static MenteeFacts of(
            Map<String, String> sources,
            JsonNode metrics,
            JsonNode series,
            JsonNode journal,
            JsonNode goals,
            JsonNode suggestions,
            LocalDate today) {
        var reasons = new ArrayList<String>();
        if (metrics != null) {
            metrics.path("risk")
                    .path("reasons")
                    .forEach(r -> reasons.add(r.path("detail").asText()));
        }
        var active = new ArrayList<String>();
        var habits = new ArrayList<Habit>();
        if (goals != null) {
            goals.forEach(g -> {
                if ("ACTIVE".equals(g.path("status").asText())) {
                    active.add(Redaction.forPrompt(g.path("title").asText()));
                    g.path("habits").forEach(h -> {
                        if (h.path("active").asBoolean(true)) {
                            habits.add(habit(h));
                        }
                    });
                }
            });
        }
        return new MenteeFacts(
                sources,
                metrics == null ? null : decimal(metrics.path("adherence").path("7")),
                metrics == null ? null : decimal(metrics.path("adherence").path("30")),
                metrics == null ? null : decimal(metrics.path("adherence").path("90")),
                metrics == null ? null : integer(metrics.path("streak").path("current")),
                metrics == null ? null : integer(metrics.path("streak").path("longest")),
                metrics == null ? null : metrics.path("streak").path("unit").asText("day"),
                metrics == null ? null : integer(metrics.path("risk").path("score")),
                metrics == null ? null : metrics.path("risk").path("level").asText(null),
                List.copyOf(reasons),
                series == null ? null : week(series, today.minusDays(7), today.minusDays(1)),
                series == null ? null : week(series, today.minusDays(14), today.minusDays(8)),
                journal == null ? null : mood(journal),
                goals == null ? null : List.copyOf(active),
                suggestions == null ? null : suggestions.size(),
                List.copyOf(habits));
    }

    /** "Run on Mon, Fri": an active habit's title (redacted) and schedule, with its target when measured. */
    private static Habit habit(JsonNode h) {
        var schedule = h.path("schedule");
        var days = new ArrayList<DayOfWeek>();
        schedule.path("days").forEach(d -> days.add(DayOfWeek.valueOf(d.asText())));
        var target = h.path("target");
        return new Habit(
                Redaction.forPrompt(h.path("title").asText()),
                Schedules.describe(
                                schedule.path("type").asText(),
                                days,
                                schedule.path("timesPerWeek").isInt()
                                        ? schedule.path("timesPerWeek").asInt()
                                        : null,
                                schedule.path("everyNDays").isInt()
                                        ? schedule.path("everyNDays").asInt()
                                        : null)
                        + (target.path("value").isNumber()
                                ? " ("
                                        + ("AT_MOST"
                                                        .equals(target.path("direction")
                                                                .asText())
                                                ? "at most "
                                                : "at least ")
                                        + target.path("value")
                                                .decimalValue()
                                                .stripTrailingZeros()
                                                .toPlainString()
                                        + (target.path("unit").isTextual()
                                                ? " " + target.path("unit").asText()
                                                : "") + ")"
                                : ""));
    }

    private static Week week(JsonNode series, LocalDate from, LocalDate to) {
        int met = 0;
        int owed = 0;
        for (JsonNode day : series) {
            var date = LocalDate.parse(day.path("date").asText());
            if (!date.isBefore(from) && !date.isAfter(to)) {
                met += day.path("met").asInt();
                owed += day.path("owed").asInt();
            }
        }
        return new Week(met, owed);
    }

    private static Mood mood(JsonNode journal) {
        int entries = 0;
        int moods = 0;
        int moodSum = 0;
        int negative = 0;
        int positive = 0;
        for (JsonNode e : journal) {
            entries++;
            if (e.path("mood").isInt()) {
                moods++;
                moodSum += e.path("mood").asInt();
            }
            String label = e.path("sentiment").path("label").asText("");
            negative += label.equals("NEGATIVE") ? 1 : 0;
            positive += label.equals("POSITIVE") ? 1 : 0;
        }
        BigDecimal mean = moods == 0
                ? null
                : BigDecimal.valueOf(moodSum).divide(BigDecimal.valueOf(moods), 1, RoundingMode.HALF_UP);
        return new Mood(entries, mean, negative, positive);
    }

    private static BigDecimal decimal(JsonNode n) {
        return n.isNumber() ? n.decimalValue() : null;
    }

    private static Integer integer(JsonNode n) {
        return n.isNumber() ? n.asInt() : null;
    }

    /** The facts as data for a model's prompt: each line a fact, each missing part said so. */
    public String asData() {
        var out = new StringBuilder("The mentee's figures (data):\n");
        sources.forEach((part, source) ->
                out.append(part).append(" from: ").append(source).append('\n'));
        if (adherence7 != null || riskLevel != null) {
            out.append("adherence: 7 days ")
                    .append(pct(adherence7))
                    .append(", 30 days ")
                    .append(pct(adherence30))
                    .append(", 90 days ")
                    .append(pct(adherence90))
                    .append('\n');
            out.append("streak: current ")
                    .append(currentStreak)
                    .append(' ')
                    .append(streakUnit)
                    .append("(s), longest ")
                    .append(longestStreak)
                    .append('\n');
            out.append("risk: ")
                    .append(riskLevel)
                    .append(" (")
                    .append(riskScore)
                    .append("/100)");
            if (!riskReasons.isEmpty()) {
                out.append(": ").append(String.join("; ", riskReasons));
            }
            out.append('\n');
        }
        if (lastWeek != null) {
            out.append("last 7 days: met ")
                    .append(lastWeek.met())
                    .append(" of ")
                    .append(lastWeek.owed())
                    .append("; the 7 before: met ")
                    .append(weekBefore.met())
                    .append(" of ")
                    .append(weekBefore.owed())
                    .append('\n');
            var change = changeInPoints();
            if (change != null) {
                out.append("change: ")
                        .append(
                                change == 0
                                        ? "the same"
                                        : (change > 0 ? "up " : "down ") + Math.abs(change) + " points")
                        .append('\n');
            }
        }
        if (mood != null) {
            out.append("journal, latest ")
                    .append(mood.entries())
                    .append(" entries: mean mood ")
                    .append(mood.meanMood() == null ? "n/a" : mood.meanMood().toPlainString())
                    .append("/5, ")
                    .append(mood.negative())
                    .append(" read negative, ")
                    .append(mood.positive())
                    .append(" positive\n");
        }
        if (activeGoals != null) {
            activeGoals.forEach(g -> out.append("active goal: ‹").append(g).append("›\n"));
        }
        if (openSuggestions != null) {
            out.append("open plan suggestions: ").append(openSuggestions).append('\n');
        }
        habits.forEach(h -> out.append("active habit: ").append(h).append('\n'));
        return out.toString();
    }

    /** The last 7 days' share met against the 7 before, in points (null when either owed nothing). */
    public Long changeInPoints() {
        if (lastWeek == null || lastWeek.ratio() == null || weekBefore.ratio() == null) {
            return null;
        }
        return Math.round((lastWeek.ratio().doubleValue() - weekBefore.ratio().doubleValue()) * 100);
    }

    /** The active goals' titles (what an answer may name; habits are named with their schedules). */
    public List<String> titles() {
        var titles = new ArrayList<String>(activeGoals == null ? List.of() : activeGoals);
        habits.forEach(h -> titles.add(h.title()));
        return titles;
    }

    public static String pct(BigDecimal ratio) {
        return ratio == null ? "n/a" : Math.round(ratio.doubleValue() * 100) + " %";
    }
}
