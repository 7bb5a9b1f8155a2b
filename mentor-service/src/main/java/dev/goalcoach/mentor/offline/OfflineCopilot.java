package dev.goalcoach.mentor.offline;

import static dev.goalcoach.mentor.MenteeFacts.pct;

import dev.goalcoach.kit.ai.Questions;
import dev.goalcoach.mentor.MenteeFacts;
import dev.goalcoach.mentor.api.MentorDtos.Patient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The copilot without a model: the question asked ({@link Questions}, the mentor's intents) answered from the facts
 * alone — "how is X doing", a figure by name, "who needs attention this week", "what changed since last week", "what
 * should I say to them", the plan suggestions waiting —, with a short refusal for the off-topic and for steering it
 * or asking for someone else's data. Every number comes from the facts ({@link MenteeFacts#asData} shows the same to a
 * model, and the evaluation set holds both to the grounding guard); a part that was missing is said, never guessed.
 */
public final class OfflineCopilot {

    public static final String MODEL = "copilot-rules-v2";

    static final String CAN_DO = "I can tell you how a mentee is doing (adherence over 7, 30 or 90 days, streaks, risk"
            + " and its reasons, their journal's mood), what changed since last week, who needs attention, what to say"
            + " to them, and which plan suggestions wait for you.";

    /** An answer about one mentee ({@code name} as the mentor knows them), to the question asked. */
    public String answer(String question, String name, MenteeFacts f) {
        String who = name == null || name.isBlank() ? "Your mentee" : name;
        var asked = Questions.read(question, Questions.Audience.MENTOR);
        return switch (asked.intent()) {
            case INJECTION -> refusal();
            case OFF_TOPIC -> offTopic();
            case HELP -> "I'm your GoalCoach copilot. " + CAN_DO;
            case WEEK_OVER_WEEK -> changed(who, f);
            case SAY -> say(who, f);
            case METRIC -> metrics(asked, who, f);
            case PLAN_CHANGE -> suggestions(who, f);
            case SCHEDULE -> schedule(who, f);
            default -> status(who, f);
        };
    }

    /** An answer about the mentor's whole roster ({@code metrics}: where its figures came from). */
    public String answerRoster(String question, List<Patient> patients, String metrics) {
        var asked = Questions.read(question, Questions.Audience.MENTOR);
        if (asked.intent() == Questions.Intent.INJECTION) {
            return refusal();
        }
        if (asked.intent() == Questions.Intent.OFF_TOPIC) {
            return offTopic();
        }
        if (asked.intent() == Questions.Intent.HELP) {
            return "I'm your GoalCoach copilot. " + CAN_DO;
        }
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

    private static String refusal() {
        return "I can only answer about your own mentees' progress, and I keep to my role as your copilot. " + CAN_DO;
    }

    private static String offTopic() {
        return "That's outside what I can help with: I'm your mentoring copilot. " + CAN_DO;
    }

    /** The figures asked for by name, in the order asked. */
    private static String metrics(Questions.Asked asked, String who, MenteeFacts f) {
        if (f.adherence7() == null && f.riskLevel() == null) {
            return missing(f, "metrics", "their adherence, streak and risk");
        }
        var out = new ArrayList<String>();
        for (var metric : asked.metrics()) {
            switch (metric) {
                case CURRENT_STREAK ->
                    out.add(who + "'s current streak is " + f.currentStreak() + " "
                            + plural(f.streakUnit(), f.currentStreak()) + " (longest " + f.longestStreak() + ").");
                case LONGEST_STREAK ->
                    out.add(who + "'s longest streak is " + f.longestStreak() + " "
                            + plural(f.streakUnit(), f.longestStreak()) + " (current " + f.currentStreak() + ").");
                case ADHERENCE -> {
                    var windows = asked.windows().isEmpty() ? List.of(7, 30) : asked.windows();
                    for (int w : windows) {
                        var a = w == 7 ? f.adherence7() : w == 30 ? f.adherence30() : f.adherence90();
                        out.add(
                                a == null
                                        ? "Nothing was due for " + who + " in the last " + w + " days."
                                        : who + "'s " + w + "-day adherence is " + pct(a) + ".");
                    }
                }
                case RISK ->
                    out.add(who + "'s risk is " + f.riskLevel() + " (" + f.riskScore() + "/100)"
                            + (f.riskReasons().isEmpty() ? "." : ": " + String.join("; ", f.riskReasons()) + "."));
                case STRENGTH ->
                    out.add("I don't see habit strength for a mentee, only their adherence: " + pct(f.adherence7())
                            + " over the last 7 days.");
            }
        }
        return String.join(" ", out);
    }

    private static String schedule(String who, MenteeFacts f) {
        if (f.activeGoals() == null) {
            return missing(f, "goals", "their plan");
        }
        if (f.habits().isEmpty()) {
            return who + " has no active habits"
                    + (f.activeGoals().isEmpty()
                            ? "."
                            : " (active goals: " + String.join(", ", f.activeGoals()) + ").");
        }
        return who + "'s active habits: "
                + String.join(
                        "; ",
                        f.habits().stream().map(MenteeFacts.Habit::toString).toList()) + ".";
    }

    private static String suggestions(String who, MenteeFacts f) {
        if (f.openSuggestions() == null) {
            return missing(f, "suggestions", "their plan suggestions");
        }
        if (f.openSuggestions() == 0) {
            return "No plan suggestion waits for " + who + ". The coach proposes changes each Wednesday from how the"
                    + " last two weeks went; you can accept or reject them on their page.";
        }
        return f.openSuggestions() + " plan suggestion" + (f.openSuggestions() == 1 ? " waits" : "s wait")
                + " for a decision on " + who + "'s page: accepting one changes their plan, rejecting it leaves the"
                + " plan as it is.";
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
        var delta = f.changeInPoints();
        if (delta != null) {
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
            return missing(f, "metrics", "their adherence and risk")
                    + " Ask how their week went and what got in the way.";
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
