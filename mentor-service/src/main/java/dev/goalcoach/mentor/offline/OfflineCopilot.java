package dev.goalcoach.mentor.offline;

import static dev.goalcoach.mentor.MenteeFacts.pct;

import dev.goalcoach.mentor.MenteeFacts;
import dev.goalcoach.mentor.api.MentorDtos.Patient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The copilot without a model: the common questions answered from the facts alone — "how is X doing", "who needs
 * attention this week", "what changed since last week", "what should I say to them". Every number comes from the
 * facts; a part that was missing is said, never guessed.
 */
public final class OfflineCopilot {

    public static final String MODEL = "copilot-rules-v1";

    enum Intent {
        ATTENTION,
        CHANGED,
        SAY,
        STATUS
    }

    private static final Pattern ATTENTION =
            Pattern.compile("\\b(attention|slipping|at risk|riskiest|struggling|worr|who needs|who is behind)");
    private static final Pattern CHANGED =
            Pattern.compile("\\b(chang|since last|compared|trend|progress|better|worse|improv)");
    private static final Pattern SAY =
            Pattern.compile("\\b(say|tell|message|write to|talk|approach|encourag|next session|bring up|ask them)");

    static Intent intent(String question) {
        String q = question.toLowerCase(Locale.ROOT);
        if (SAY.matcher(q).find()) {
            return Intent.SAY;
        }
        if (CHANGED.matcher(q).find()) {
            return Intent.CHANGED;
        }
        if (ATTENTION.matcher(q).find()) {
            return Intent.ATTENTION;
        }
        return Intent.STATUS;
    }

    /** An answer about one mentee ({@code name} as the mentor knows them). */
    public String answer(String question, String name, MenteeFacts f) {
        String who = name == null || name.isBlank() ? "Your mentee" : name;
        return switch (intent(question)) {
            case CHANGED -> changed(who, f);
            case SAY -> say(who, f);
            case ATTENTION, STATUS -> status(who, f);
        };
    }

    /** An answer about the mentor's whole roster ({@code metrics}: where its figures came from). */
    public String answerRoster(List<Patient> patients, String metrics) {
        if (patients.isEmpty()) {
            return "You have no mentees yet.";
        }
        if (!"analytics-service".equals(metrics)) {
            return "I could not see anyone's figures just now (analytics-service " + metrics + "). Your mentees: "
                    + String.join(
                            ", ", patients.stream().map(OfflineCopilot::name).toList()) + ".";
        }
        var attention = new ArrayList<String>();
        var steady = new ArrayList<String>();
        var none = new ArrayList<String>();
        for (Patient p : patients) {
            if (p.riskLevel() == null) {
                none.add(name(p));
            } else if (!p.riskLevel().equals("LOW")) {
                attention.add(name(p) + " (" + p.riskLevel() + ", " + p.riskScore() + "/100, 7-day adherence "
                        + pct(p.adherence7()) + ")");
            } else {
                steady.add(name(p));
            }
        }
        var out = new StringBuilder();
        out.append(
                attention.isEmpty()
                        ? "No one is at medium or high risk this week."
                        : "Needing attention this week, riskiest first: " + String.join("; ", attention) + ".");
        if (!steady.isEmpty()) {
            out.append(" Steady: ").append(String.join(", ", steady)).append('.');
        }
        if (!none.isEmpty()) {
            out.append(" No figures yet for ").append(String.join(", ", none)).append('.');
        }
        return out.toString();
    }

    private static String name(Patient p) {
        return p.displayName() == null ? "a mentee" : p.displayName();
    }

    private static String status(String who, MenteeFacts f) {
        var out = new StringBuilder();
        if (f.adherence7() == null && f.riskLevel() == null) {
            out.append(missing(f, "metrics", "their adherence, streak and risk"))
                    .append(' ');
        } else {
            out.append(who)
                    .append(": adherence ")
                    .append(pct(f.adherence7()))
                    .append(" over the last 7 days and ")
                    .append(pct(f.adherence30()))
                    .append(" over 30; current streak ")
                    .append(f.currentStreak())
                    .append(' ')
                    .append(plural(f.streakUnit(), f.currentStreak()))
                    .append(" (longest ")
                    .append(f.longestStreak())
                    .append("). Risk ")
                    .append(f.riskLevel())
                    .append(" (")
                    .append(f.riskScore())
                    .append("/100)");
            out.append(f.riskReasons().isEmpty() ? "." : ": " + String.join("; ", f.riskReasons()) + ".");
            out.append(' ');
        }
        out.append(mood(f));
        if (f.openSuggestions() != null && f.openSuggestions() > 0) {
            out.append(" ")
                    .append(f.openSuggestions())
                    .append(" plan suggestion")
                    .append(f.openSuggestions() == 1 ? " waits" : "s wait")
                    .append(" for a decision.");
        }
        return out.toString().strip();
    }

    private static String changed(String who, MenteeFacts f) {
        if (f.lastWeek() == null) {
            return missing(f, "series", "their day-by-day record") + " " + mood(f);
        }
        var last = f.lastWeek();
        var before = f.weekBefore();
        var out = new StringBuilder(who)
                .append(" met ")
                .append(last.met())
                .append(" of ")
                .append(last.owed())
                .append(" planned in the last 7 days (")
                .append(pct(last.ratio()))
                .append("), against ")
                .append(before.met())
                .append(" of ")
                .append(before.owed())
                .append(" the 7 days before (")
                .append(pct(before.ratio()))
                .append(")");
        if (last.ratio() != null && before.ratio() != null) {
            long delta = Math.round((last.ratio().doubleValue() - before.ratio().doubleValue()) * 100);
            out.append(
                    delta == 0
                            ? ": the same."
                            : delta > 0 ? ": up " + delta + " points." : ": down " + (-delta) + " points.");
        } else {
            out.append('.');
        }
        return out.append(' ').append(mood(f)).toString().strip();
    }

    private static String say(String who, MenteeFacts f) {
        if (f.riskLevel() == null) {
            return missing(f, "metrics", "their figures") + " Ask how their week went and what got in the way.";
        }
        var out = new StringBuilder();
        if (f.currentStreak() != null && f.currentStreak() > 0) {
            out.append("Open with what is working: a ")
                    .append(f.currentStreak())
                    .append('-')
                    .append(f.streakUnit())
                    .append(" streak. ");
        }
        switch (f.riskLevel()) {
            case "HIGH", "MEDIUM" -> {
                out.append("Then ask what got in the way");
                if (!f.riskReasons().isEmpty()) {
                    out.append(" (").append(f.riskReasons().get(0)).append(')');
                }
                out.append(", and agree on one small step for this week: a shorter or less frequent version of the"
                        + " habit they miss most is easier to keep than the full plan.");
            }
            default ->
                out.append("Acknowledge the consistency (")
                        .append(pct(f.adherence7()))
                        .append(" over 7 days), ask what helps them keep it, and keep the plan as it is.");
        }
        if (f.mood() != null && f.mood().negative() > f.mood().positive()) {
            out.append(" Their journal reads more negative than positive lately: ask how they feel, not only what"
                    + " they did.");
        }
        return out.toString().strip();
    }

    private static String mood(MenteeFacts f) {
        if (f.mood() == null) {
            return missing(f, "journal", "their journal");
        }
        if (f.mood().entries() == 0) {
            return "No journal entries lately.";
        }
        return "Journal: " + f.mood().entries() + " recent entries, mean mood "
                + (f.mood().meanMood() == null
                        ? "not given"
                        : f.mood().meanMood().toPlainString() + "/5")
                + ", " + f.mood().negative() + " reading negative and "
                + f.mood().positive() + " positive.";
    }

    /** Which service owns each part of the facts. */
    private static final Map<String, String> OWNERS = Map.of(
            "metrics", "analytics-service",
            "series", "analytics-service",
            "journal", "goal-service",
            "goals", "goal-service",
            "suggestions", "goal-service");

    private static String missing(MenteeFacts f, String part, String what) {
        String source = f.sources().getOrDefault(part, "unavailable");
        return "none yet".equals(source)
                ? "There are no figures for " + what + " yet."
                : "I could not see " + what + " just now: " + OWNERS.get(part) + " did not answer.";
    }

    private static String plural(String unit, Integer n) {
        return n != null && n == 1 ? unit : unit + "s";
    }
}
