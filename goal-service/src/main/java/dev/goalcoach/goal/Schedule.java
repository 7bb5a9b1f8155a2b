package dev.goalcoach.goal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a habit is due: every day, on chosen weekdays, n times per ISO week (any days), or every k days from its
 * start. Pure value; {@link #of} refuses what makes no sense.
 */
public record Schedule(Type type, Set<DayOfWeek> days, Integer timesPerWeek, Integer everyNDays) {

    public enum Type {
        DAILY,
        WEEKDAYS,
        TIMES_PER_WEEK,
        EVERY_N_DAYS
    }

    public static final int MAX_EVERY_N_DAYS = 365;

    /** A valid schedule, or an {@link IllegalArgumentException} saying which part is wrong. */
    public static Schedule of(Type type, Set<DayOfWeek> days, Integer timesPerWeek, Integer everyNDays) {
        if (type == null) {
            throw new IllegalArgumentException("type is required: DAILY, WEEKDAYS, TIMES_PER_WEEK or EVERY_N_DAYS");
        }
        return switch (type) {
            case DAILY -> {
                requireAbsent(days, timesPerWeek, everyNDays, type);
                yield new Schedule(type, null, null, null);
            }
            case WEEKDAYS -> {
                if (days == null || days.isEmpty()) {
                    throw new IllegalArgumentException("days: a WEEKDAYS schedule needs at least one day");
                }
                requireAbsent(null, timesPerWeek, everyNDays, type);
                yield new Schedule(type, Set.copyOf(EnumSet.copyOf(days)), null, null);
            }
            case TIMES_PER_WEEK -> {
                if (timesPerWeek == null || timesPerWeek < 1 || timesPerWeek > 7) {
                    throw new IllegalArgumentException("timesPerWeek: must be 1 to 7");
                }
                requireAbsent(days, null, everyNDays, type);
                yield new Schedule(type, null, timesPerWeek, null);
            }
            case EVERY_N_DAYS -> {
                if (everyNDays == null || everyNDays < 1 || everyNDays > MAX_EVERY_N_DAYS) {
                    throw new IllegalArgumentException("everyNDays: must be 1 to " + MAX_EVERY_N_DAYS);
                }
                requireAbsent(days, timesPerWeek, null, type);
                yield new Schedule(type, null, null, everyNDays);
            }
        };
    }

    /**
     * Whether the habit, started on {@code start}, is due on {@code date}. A TIMES_PER_WEEK habit has no fixed
     * days: any day of the week may be one of its n, so every day is a candidate.
     */
    public boolean isDueOn(LocalDate start, LocalDate date) {
        if (date.isBefore(start)) {
            return false;
        }
        return switch (type) {
            case DAILY, TIMES_PER_WEEK -> true;
            case WEEKDAYS -> days.contains(date.getDayOfWeek());
            case EVERY_N_DAYS -> ChronoUnit.DAYS.between(start, date) % everyNDays == 0;
        };
    }

    /** Expected occurrences per day: the f in habit strength's half-life. */
    public double frequencyPerDay() {
        return switch (type) {
            case DAILY -> 1.0;
            case WEEKDAYS -> days.size() / 7.0;
            case TIMES_PER_WEEK -> timesPerWeek / 7.0;
            case EVERY_N_DAYS -> 1.0 / everyNDays;
        };
    }

    private static void requireAbsent(Set<DayOfWeek> days, Integer timesPerWeek, Integer everyNDays, Type type) {
        if ((days != null && !days.isEmpty()) || timesPerWeek != null || everyNDays != null) {
            throw new IllegalArgumentException("a " + type + " schedule takes no "
                    + (days != null && !days.isEmpty()
                            ? "days"
                            : timesPerWeek != null ? "timesPerWeek" : "everyNDays"));
        }
    }
}
