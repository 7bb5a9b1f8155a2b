package dev.goalcoach.analytics.metrics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A habit's schedule and target as the metrics read them: whether a check-in met the target, which days are due,
 * each due day's running occurrence index, the period and what it owes — word for word {@link HabitDays}'
 * predicates, read once per habit. {@link HabitHistory} and {@link HabitReplay} both compute with them.
 */
final class HabitRules {

    private final HabitHistory.Habit h;

    /** The schedule, read once: the definitions switch on it for every day. */
    private final Schedule schedule;

    /** By ISO day of week (1 Monday): listed among a WEEKDAYS habit's days; and how many are listed up to it. */
    private final boolean[] listed = new boolean[8];

    private final int[] listedUpTo = new int[8];

    private final Integer listSize;

    private enum Schedule {
        DAILY,
        WEEKDAYS,
        EVERY_N_DAYS,
        OTHER;

        static Schedule of(String name) {
            return switch (name) {
                case "DAILY" -> DAILY;
                case "WEEKDAYS" -> WEEKDAYS;
                case "EVERY_N_DAYS" -> EVERY_N_DAYS;
                default -> OTHER; // TIMES_PER_WEEK and anything else: as the statements' ELSE branches
            };
        }
    }

    HabitRules(HabitHistory.Habit h) {
        this.h = h;
        this.schedule = Schedule.of(h.schedule());
        // the statements' test: ',' || days || ',' contains ',' || the day's name || ','
        String list = "," + (h.days() == null ? "" : h.days()) + ",";
        for (int i = 1; i <= 7; i++) {
            listed[i] = list.contains("," + HabitDays.DAY_NAMES[i - 1] + ",");
            listedUpTo[i] = listedUpTo[i - 1] + (listed[i] ? 1 : 0);
        }
        this.listSize = h.days() == null || h.days().isEmpty() ? null : h.days().split(",", -1).length;
    }

    boolean weekly() {
        return h.weekly();
    }

    boolean success(HabitHistory.Checkin c) {
        if (c == null || !"DONE".equals(c.status())) {
            return false;
        }
        if (h.target() == null || c.value() == null) {
            return true;
        }
        return "AT_MOST".equals(h.direction())
                ? c.value().compareTo(h.target()) <= 0
                : c.value().compareTo(h.target()) >= 0;
    }

    static boolean skip(HabitHistory.Checkin c) {
        return c != null && "SKIPPED".equals(c.status());
    }

    /** Logged DONE or MISSED: a day counts before it is over only so. */
    static boolean doneOrMissed(HabitHistory.Checkin c) {
        return c != null && ("DONE".equals(c.status()) || "MISSED".equals(c.status()));
    }

    int period() {
        return switch (schedule) {
            case DAILY -> 1;
            case EVERY_N_DAYS -> h.everyN();
            default -> 7;
        };
    }

    /** How far before the 90 days the grid reads, for the strength's period. */
    int lookBack() {
        return schedule == Schedule.EVERY_N_DAYS && h.everyN() > 7 ? h.everyN() : 7;
    }

    /** What the habit owes per period; null for an n-per-week habit without its n (SQL's null: it owes nothing). */
    Integer owedPerPeriod() {
        if (h.weekly()) {
            return h.timesPerWeek();
        }
        return switch (schedule) {
            case WEEKDAYS -> Math.max(1, listSize == null ? 0 : listSize);
            default -> 1;
        };
    }

    /** The strength's smoothing factor (0 without what the habit owes: every term of the strength is then 0). */
    double smoothing() {
        Integer owed = owedPerPeriod();
        return owed == null ? 0 : Math.pow(0.5, Math.sqrt((double) owed / period()) / 13);
    }

    boolean due(LocalDate d) {
        return switch (schedule) {
            case DAILY -> true;
            case WEEKDAYS -> listed[d.getDayOfWeek().getValue()];
            case EVERY_N_DAYS -> days(h.start(), d) % h.everyN() == 0;
            default -> false;
        };
    }

    static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }

    static LocalDate monday(LocalDate d) {
        return d.minusDays(d.getDayOfWeek().getValue() - 1L);
    }

    long weekIndex(LocalDate d) {
        return days(monday(h.start()), monday(d)) / 7;
    }

    /** A due day's running occurrence index (null: a WEEKDAYS habit without days, which is never due). */
    Long index(LocalDate d) {
        return switch (schedule) {
            case DAILY -> days(h.start(), d);
            case EVERY_N_DAYS -> days(h.start(), d) / h.everyN();
            default -> {
                if (listSize == null) {
                    yield null;
                }
                yield weekIndex(d) * listSize + listedUpTo[d.getDayOfWeek().getValue()];
            }
        };
    }

    static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
