package dev.goalcoach.coach;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a goal's own words say about its plan: how often ("3 times a week", "daily", "every other day", "on
 * Mondays and Thursdays"), how long ("120 minutes a week", "2 hours a week", "30 minutes a session") and what is
 * to be done ("run"). English only; what it cannot read it leaves empty.
 */
public final class GoalText {

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("once", 1),
            Map.entry("one", 1),
            Map.entry("twice", 2),
            Map.entry("two", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7));
    private static final String COUNT = "(\\d+|once|one|twice|two|three|four|five|six|seven)";
    private static final String PER = "\\s*(?:a|per|each|every|/)\\s*";

    private static final Pattern TIMES_A_WEEK =
            Pattern.compile("\\b" + COUNT + "\\s*(?:x|times?)?" + PER + "(?:week|wk)\\b");
    private static final Pattern DAILY =
            Pattern.compile("\\b(?:daily|every\\s*day|each\\s*day|per\\s*day|a\\s*day)\\b");
    private static final Pattern EVERY_OTHER_DAY = Pattern.compile("\\bevery\\s*(?:other|second)\\s*day\\b");
    private static final Pattern EVERY_N_DAYS = Pattern.compile("\\bevery\\s*(\\d+)\\s*days\\b");
    private static final Pattern WEEKDAYS_ONLY = Pattern.compile("\\b(?:on\\s*)?week\\s*days\\b");
    private static final Pattern WEEK_MINUTES =
            Pattern.compile("\\b(\\d+(?:[.,]\\d+)?)\\s*(min(?:ute)?s?|h(?:ou)?rs?|h)" + PER + "(?:week|wk)\\b");
    private static final Pattern SESSION_MINUTES = Pattern.compile(
            "\\b(\\d+(?:[.,]\\d+)?)\\s*(min(?:ute)?s?|h(?:ou)?rs?|h)" + PER + "(?:session|time|day|run|workout)\\b");
    private static final Pattern FOR_MINUTES =
            Pattern.compile("\\bfor\\s*(\\d+(?:[.,]\\d+)?)\\s*(min(?:ute)?s?|h(?:ou)?rs?|h)\\b(?!" + PER + "week)");

    /** "3 times a week" → 3; "twice a week" → 2; "daily" → 7. */
    public static OptionalInt timesPerWeek(String text) {
        String t = lower(text);
        Matcher m = TIMES_A_WEEK.matcher(t);
        if (m.find()) {
            int n = number(m.group(1));
            return n >= 1 && n <= 7 ? OptionalInt.of(n) : OptionalInt.empty();
        }
        if (EVERY_OTHER_DAY.matcher(t).find() || EVERY_N_DAYS.matcher(t).find()) {
            return OptionalInt.empty();
        }
        return DAILY.matcher(t).find() ? OptionalInt.of(7) : OptionalInt.empty();
    }

    /** "every other day" → 2; "every 3 days" → 3. */
    public static OptionalInt everyNDays(String text) {
        String t = lower(text);
        if (EVERY_OTHER_DAY.matcher(t).find()) {
            return OptionalInt.of(2);
        }
        Matcher m = EVERY_N_DAYS.matcher(t);
        if (m.find()) {
            int n = Integer.parseInt(m.group(1));
            return n >= 2 && n <= 365 ? OptionalInt.of(n) : OptionalInt.empty();
        }
        return OptionalInt.empty();
    }

    /** The days the text names ("on Mondays and Thursdays", "on weekdays"), empty when it names none. */
    public static Set<DayOfWeek> namedDays(String text) {
        String t = lower(text);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (Pattern.compile("\\b" + name + "s?\\b").matcher(t).find()) {
                days.add(d);
            }
        }
        if (days.isEmpty() && WEEKDAYS_ONLY.matcher(t).find()) {
            days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        }
        return days;
    }

    /** "120 minutes a week" → 120; "2 hours per week" → 120. */
    public static Optional<Integer> weeklyMinutes(String text) {
        return minutes(WEEK_MINUTES.matcher(lower(text)));
    }

    /** "30 minutes a session", "for 20 minutes" → 30, 20. */
    public static Optional<Integer> sessionMinutes(String text) {
        String t = lower(text);
        return minutes(SESSION_MINUTES.matcher(t)).or(() -> minutes(FOR_MINUTES.matcher(t)));
    }

    /** What is to be done, the goal's words without the how-often and how-long: "Run 3 times a week" → "Run". */
    public static String activity(String title) {
        String t = title == null ? "" : title;
        for (Pattern p : new Pattern[] {
            WEEK_MINUTES, SESSION_MINUTES, FOR_MINUTES, TIMES_A_WEEK, EVERY_OTHER_DAY, EVERY_N_DAYS, DAILY
        }) {
            t = Pattern.compile(p.pattern(), Pattern.CASE_INSENSITIVE)
                    .matcher(t)
                    .replaceAll(" ");
        }
        t = t.replaceAll("(?i)\\bon\\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days?\\b", " ")
                .replaceAll("(?i)\\b(?:and|,)\\s*$", " ")
                .replaceAll("[\\s,;:.!]+", " ")
                .replaceAll("(?i)(?:\\s(?:and|for|on))+\\s*$", "")
                .trim();
        if (t.isEmpty()) {
            return "";
        }
        return Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    private static Optional<Integer> minutes(Matcher m) {
        if (!m.find()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1).replace(',', '.'));
        double minutes = m.group(2).startsWith("h") ? amount * 60 : amount;
        return minutes >= 1 && minutes <= 100_000 ? Optional.of((int) Math.round(minutes)) : Optional.empty();
    }

    private static int number(String s) {
        Integer named = NUMBERS.get(s);
        return named != null ? named : Integer.parseInt(s);
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private GoalText() {}
}
