package dev.goalcoach.mentor.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.mentor.api.MentorDtos.AlertView;
import dev.goalcoach.mentor.api.MentorDtos.CopilotAnswer;
import dev.goalcoach.mentor.api.MentorDtos.NoteView;
import dev.goalcoach.mentor.api.MentorDtos.Patient;
import dev.goalcoach.mentor.api.MentorDtos.PatientDashboard;
import dev.goalcoach.mentor.api.MentorDtos.Roster;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the dashboard client's pages show, shaped for their templates from the API's own answers (the same
 * services, the same rules): figures as words ("43 %"), the roster's sparklines as SVG points, a mentee's 90 days
 * as chart data.
 */
final class AppPages {

    /** One roster row: the mentee, their figures in words, a 30-day sparkline, their open alerts. */
    record Row(
            UUID memberId,
            String name,
            String level,
            String score,
            String adherence7,
            String adherence30,
            String streak,
            String sparkline,
            String sparklineLabel,
            int openAlerts) {}

    record RosterPage(
            UUID mentorId, String csrf, boolean figures, int openAlerts, List<Row> rows, List<AlertRow> alerts) {}

    /** An alert in words: who, what level since when, the reasons then, its state. */
    record AlertRow(
            UUID id, UUID memberId, String name, String level, int score, String asOf, String reasons, String state) {

        static AlertRow of(AlertView a) {
            var reasons = new ArrayList<String>();
            if (a.reasons() != null) {
                a.reasons().forEach(r -> reasons.add(r.path("detail").asText()));
            }
            return new AlertRow(
                    a.id(),
                    a.memberId(),
                    a.displayName() == null ? "A mentee" : a.displayName(),
                    a.level(),
                    a.score(),
                    a.asOf().toString(),
                    String.join("; ", reasons),
                    a.state().toLowerCase(Locale.ROOT));
        }
    }

    /** A suggestion waiting for a decision, in words. */
    record Suggestion(UUID id, String kind, String reason) {}

    /** One journal entry as the mentor may see it: when, mood, sentiment, words only if shared. */
    record Entry(String day, String mood, String sentiment, String text) {}

    record MenteePage(
            UUID memberId,
            String name,
            String timezone,
            String csrf,
            String level,
            String score,
            List<String> reasons,
            String adherence7,
            String adherence30,
            String adherence90,
            String streak,
            String strength,
            String chart,
            List<String> goals,
            List<Entry> journal,
            List<Suggestion> suggestions,
            List<AlertRow> alerts,
            List<NoteView> notes,
            List<String> missing,
            String question,
            CopilotAnswer answer,
            String message) {}

    static RosterPage roster(Roster r, List<AlertView> alerts, String csrf) {
        var rows = r.patients().stream().map(AppPages::row).toList();
        return new RosterPage(
                r.mentorId(),
                csrf,
                "analytics-service".equals(r.metrics()),
                r.openAlerts(),
                rows,
                alerts.stream().map(AlertRow::of).toList());
    }

    private static Row row(Patient p) {
        return new Row(
                p.memberId(),
                p.displayName() == null ? "(no name)" : p.displayName(),
                p.riskLevel() == null ? "NONE" : p.riskLevel(),
                p.riskScore() == null ? "–" : p.riskScore().toString(),
                percent(p.adherence7()),
                percent(p.adherence30()),
                p.currentStreak() == null ? "–" : p.currentStreak().toString(),
                sparkline(p.last30()),
                sparklineLabel(p.last30()),
                p.openAlerts());
    }

    /**
     * The points of a 30-day sparkline (each day's adherence in percent) in a 120 × 24 box (a day with nothing owed
     * keeps the line where it was).
     */
    static String sparkline(List<Integer> days) {
        if (days == null || days.isEmpty()) {
            return "";
        }
        var points = new StringBuilder();
        double last = 0;
        double step = days.size() == 1 ? 0 : 120.0 / (days.size() - 1);
        for (int i = 0; i < days.size(); i++) {
            Integer d = days.get(i);
            if (d != null) {
                last = d / 100.0;
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", i * step, 22 - last * 20));
        }
        return points.toString().trim();
    }

    private static String sparklineLabel(List<Integer> days) {
        long owed = days == null ? 0 : days.stream().filter(d -> d != null).count();
        if (owed == 0) {
            return "no days owed yet";
        }
        double mean = days.stream()
                        .filter(d -> d != null)
                        .mapToDouble(Integer::doubleValue)
                        .average()
                        .orElse(0)
                / 100.0;
        return String.format(
                Locale.ROOT, "last %d days: %d %% of owed days met on average", days.size(), Math.round(mean * 100));
    }

    static MenteePage mentee(PatientDashboard d, String csrf, String question, CopilotAnswer answer, String message) {
        JsonNode metrics = d.metrics();
        var reasons = new ArrayList<String>();
        String level = "NONE";
        String score = "–";
        String strength = "–";
        if (metrics != null) {
            metrics.path("risk")
                    .path("reasons")
                    .forEach(r -> reasons.add(r.path("detail").asText()));
            level = metrics.path("risk").path("level").asText("NONE");
            score = metrics.path("risk").hasNonNull("score")
                    ? metrics.path("risk").path("score").asText()
                    : "–";
            double sum = 0;
            int n = 0;
            for (JsonNode h : metrics.path("habits")) {
                if (h.path("strength").isNumber()) {
                    sum += h.path("strength").asDouble();
                    n++;
                }
            }
            strength = n == 0 ? "–" : Math.round(sum / n * 100) + " %";
        }
        var goals = new ArrayList<String>();
        if (d.goals() != null) {
            d.goals().forEach(g -> {
                var habits = new ArrayList<String>();
                g.path("habits").forEach(h -> habits.add(h.path("title").asText()));
                goals.add(g.path("title").asText() + " ("
                        + g.path("status").asText().toLowerCase(Locale.ROOT) + ")"
                        + (habits.isEmpty() ? "" : ": " + String.join(", ", habits)));
            });
        }
        var journal = new ArrayList<Entry>();
        if (d.journal() != null) {
            d.journal()
                    .forEach(e -> journal.add(new Entry(
                            e.path("writtenAt")
                                    .asText(e.path("createdAt").asText(""))
                                    .replaceAll("T.*", ""),
                            e.path("mood").isInt() ? e.path("mood").asInt() + " / 5" : "–",
                            e.path("sentiment")
                                    .path("label")
                                    .asText("not read yet")
                                    .toLowerCase(Locale.ROOT),
                            e.hasNonNull("text") ? e.path("text").asText() : null)));
        }
        var suggestions = new ArrayList<Suggestion>();
        if (d.suggestions() != null) {
            d.suggestions()
                    .forEach(s -> suggestions.add(new Suggestion(
                            UUID.fromString(s.path("id").asText()),
                            s.path("kind").asText().toLowerCase(Locale.ROOT).replace('_', ' '),
                            s.path("reason").asText(""))));
        }
        var missing = new ArrayList<String>();
        d.sources().forEach((part, source) -> {
            if ("unavailable".equals(source)) {
                missing.add(part);
            }
        });
        return new MenteePage(
                d.memberId(),
                d.displayName() == null ? "(no name)" : d.displayName(),
                d.timezone(),
                csrf,
                level,
                score,
                reasons,
                percent(adherence(metrics, "7")),
                percent(adherence(metrics, "30")),
                percent(adherence(metrics, "90")),
                metrics == null
                        ? "–"
                        : metrics.path("streak").path("current").asInt() + " "
                                + metrics.path("streak").path("unit").asText("day") + "s",
                strength,
                chart(d.series()),
                goals,
                journal,
                suggestions,
                d.alerts().stream().map(AlertRow::of).toList(),
                d.notes(),
                missing,
                question,
                answer,
                message);
    }

    private static BigDecimal adherence(JsonNode metrics, String window) {
        if (metrics == null || !metrics.path("adherence").path(window).isNumber()) {
            return null;
        }
        return metrics.path("adherence").path(window).decimalValue();
    }

    /** The habit-strength decay per day (half-life 13 days), as analytics-service computes habit strength. */
    static final double M = Math.pow(0.5, 1 / 13.0);

    /**
     * The 90 days as uPlot data: x (epoch seconds of each day), each day's adherence, the rolling 7-day adherence,
     * and a strength line (the daily adherence smoothed as habit strength is: half-life 13 days), in percent; a day
     * with nothing owed has no point of its own and leaves the lines as they were.
     */
    static String chart(JsonNode series) {
        var f = JsonNodeFactory.instance;
        var x = f.arrayNode();
        var daily = f.arrayNode();
        var rolling = f.arrayNode();
        var strength = f.arrayNode();
        if (series != null) {
            var owed = new ArrayList<Integer>();
            var met = new ArrayList<Integer>();
            double s = 0;
            for (JsonNode day : series) {
                LocalDate date = LocalDate.parse(day.path("date").asText());
                int o = day.path("owed").asInt();
                int m = Math.min(day.path("met").asInt(), o);
                owed.add(o);
                met.add(m);
                x.add(date.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
                if (o == 0) {
                    daily.addNull();
                } else {
                    daily.add(round(100.0 * m / o));
                    s = M * s + (1 - M) * ((double) m / o);
                }
                int from = Math.max(0, owed.size() - 7);
                int o7 = owed.subList(from, owed.size()).stream()
                        .mapToInt(Integer::intValue)
                        .sum();
                int m7 = met.subList(from, met.size()).stream()
                        .mapToInt(Integer::intValue)
                        .sum();
                if (o7 == 0) {
                    rolling.addNull();
                } else {
                    rolling.add(round(100.0 * m7 / o7));
                }
                strength.add(round(100 * s));
            }
        }
        var data = f.arrayNode().add(x).add(daily).add(rolling).add(strength);
        return new String(EventJson.write(data));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String percent(BigDecimal ratio) {
        return ratio == null
                ? "–"
                : ratio.multiply(BigDecimal.valueOf(100))
                                .setScale(0, RoundingMode.HALF_UP)
                                .toPlainString() + " %";
    }

    private AppPages() {}
}
