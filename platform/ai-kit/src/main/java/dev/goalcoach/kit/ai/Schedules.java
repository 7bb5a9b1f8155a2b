package dev.goalcoach.kit.ai;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.Locale;

/** A habit's schedule in words, as the coach and the copilot say it: "every day", "on Mon, Fri", "3 times a week". */
public final class Schedules {

    /** {@code type} DAILY, WEEKDAYS (with {@code days}), TIMES_PER_WEEK or EVERY_N_DAYS; anything else: "". */
    public static String describe(String type, Collection<DayOfWeek> days, Integer timesPerWeek, Integer everyNDays) {
        return switch (type == null ? "" : type) {
            case "DAILY" -> "every day";
            case "WEEKDAYS" ->
                "on "
                        + String.join(
                                ", ",
                                (days == null ? java.util.List.<DayOfWeek>of() : days)
                                        .stream()
                                                .sorted()
                                                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                                                .toList());
            case "TIMES_PER_WEEK" -> timesPerWeek + " times a week";
            case "EVERY_N_DAYS" -> "every " + everyNDays + " days";
            default -> "";
        };
    }

    private Schedules() {}
}
