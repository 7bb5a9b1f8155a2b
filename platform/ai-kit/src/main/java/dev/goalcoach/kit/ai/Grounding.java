package dev.goalcoach.kit.ai;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a model's answer says only what its context holds: every number in the answer must be a number of the
 * context, or derived from it in one of the allowed ways — a ratio of the context (a decimal between 0 and 1, or a
 * pair written "a of b" or "a/b") as a percentage rounded to a whole or to one decimal, a percentage of the context
 * rounded likewise, a count of listed items the caller names, or a window length (7, 30, 90 days) — and every habit
 * or goal title the answer names must be one of the context's titles. A date (2026-11-25) is matched whole against
 * the context's dates: the numbers a date is written with ground nothing (a day of the month is not a figure).
 * Numbers in the member's own question do not ground anything: only the context does (a member who writes "I ran 50
 * km" has not made 50 a fact).
 *
 * <p>What counts as naming a title: a span in quotes («», “”, "", ‹›, ‘’) and capitalised words right before the word
 * "habit" or "goal" ("your Evening Walk habit"). Numbers written as words are not checked.
 */
public final class Grounding {

    /** The answer's verdict: grounded, or the numbers and names that are not in the context. */
    public record Verdict(List<String> numbers, List<String> names) {

        public boolean grounded() {
            return numbers.isEmpty() && names.isEmpty();
        }

        /** What was not in the context, said so that the model (or a log) can be told. */
        public String reason() {
            var parts = new ArrayList<String>();
            if (!numbers.isEmpty()) {
                parts.add("numbers not in the context: " + String.join(", ", numbers));
            }
            if (!names.isEmpty()) {
                parts.add("names not in the context: " + String.join(", ", names));
            }
            return String.join("; ", parts);
        }
    }

    /** The window lengths an answer may always name. */
    public static final Set<Integer> WINDOWS = Set.of(7, 30, 90);

    private static final Pattern DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\d.,])(\\d+(?:\\.\\d+)?)(\\s?(?:%|percent))?");
    private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d),(?=\\d{3}(?!\\d))");
    private static final Pattern RATIO = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/|of|out of)\\s*(\\d+(?:\\.\\d+)?)");
    private static final Pattern QUOTED = Pattern.compile("[«“\"‹‘]([^«»“”\"‹›‘’\\n]{1,80})[»”\"›’]");
    private static final Pattern BEFORE_HABIT =
            Pattern.compile("(?<=[\\p{Ll},;:] )((?:\\p{Lu}[\\p{L}'-]*\\s){1,4})(?:habit|goal)\\b");

    /**
     * The answer against its context: {@code context} the text the model was given, {@code titles} the habit and goal
     * titles it holds, {@code counts} the counts of listed items an answer may state (habits, goals, habits due
     * today...).
     */
    public static Verdict check(String answer, String context, Collection<String> titles, Collection<Integer> counts) {
        String given = context == null ? "" : context;
        var allowed = allowedNumbers(given, counts);
        var numbers = new LinkedHashSet<String>();
        // a date is a date of the context or invented; its parts ground nothing
        var dates = new LinkedHashSet<String>();
        DATE.matcher(given).results().forEach(d -> dates.add(d.group()));
        String text = answer == null ? "" : answer;
        DATE.matcher(text).results().filter(d -> !dates.contains(d.group())).forEach(d -> numbers.add(d.group()));
        Matcher m = NUMBER.matcher(
                THOUSANDS.matcher(DATE.matcher(text).replaceAll(" ")).replaceAll(""));
        while (m.find()) {
            String n = normal(m.group(1));
            if (!allowed.contains(n)) {
                numbers.add(m.group(1) + (m.group(2) == null ? "" : "%"));
            }
        }
        return new Verdict(List.copyOf(numbers), List.copyOf(unknownNames(answer, titles)));
    }

    /** The numbers an answer grounded in {@code context} may state. */
    static Set<String> allowedNumbers(String context, Collection<Integer> counts) {
        var allowed = new LinkedHashSet<String>();
        WINDOWS.forEach(w -> allowed.add(Integer.toString(w)));
        if (counts != null) {
            counts.forEach(c -> allowed.add(Integer.toString(c)));
        }
        String text = THOUSANDS.matcher(DATE.matcher(context).replaceAll(" ")).replaceAll("");
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            var value = new BigDecimal(m.group(1));
            allowed.add(normal(m.group(1)));
            if (m.group(2) != null) {
                rounded(value, allowed); // a percentage of the context, rounded
            } else if (value.signum() >= 0
                    && value.compareTo(BigDecimal.ONE) <= 0
                    && m.group(1).contains(".")) {
                rounded(value.movePointRight(2), allowed); // a ratio, as a percentage
            }
        }
        Matcher r = RATIO.matcher(text);
        while (r.find()) {
            var part = new BigDecimal(r.group(1));
            var whole = new BigDecimal(r.group(2));
            if (whole.signum() > 0 && part.compareTo(whole) <= 0) {
                rounded(part.movePointRight(2).divide(whole, 6, RoundingMode.HALF_UP), allowed);
            }
        }
        return allowed;
    }

    private static void rounded(BigDecimal percent, Set<String> allowed) {
        allowed.add(normal(percent.setScale(0, RoundingMode.HALF_UP).toPlainString()));
        allowed.add(normal(percent.setScale(1, RoundingMode.HALF_UP).toPlainString()));
    }

    /** "71.0" and "71" are one number; "07" is 7. */
    static String normal(String number) {
        var n = new BigDecimal(number).stripTrailingZeros();
        return (n.scale() < 0 ? n.setScale(0) : n).toPlainString();
    }

    private static Set<String> unknownNames(String answer, Collection<String> titles) {
        var known = new LinkedHashSet<String>();
        if (titles != null) {
            titles.forEach(t -> known.add(key(t)));
        }
        var unknown = new LinkedHashSet<String>();
        if (answer == null) {
            return unknown;
        }
        Matcher q = QUOTED.matcher(answer);
        while (q.find()) {
            if (!known.contains(key(q.group(1)))) {
                unknown.add(q.group(1).strip());
            }
        }
        Matcher h = BEFORE_HABIT.matcher(answer);
        while (h.find()) {
            String name = h.group(1).strip();
            if (!known.contains(key(name)) && known.stream().noneMatch(k -> k.endsWith(key(name)))) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private static String key(String title) {
        return title.strip().replaceAll("[\\p{Punct}\\s]+$", "").toLowerCase(Locale.ROOT);
    }

    private Grounding() {}
}
