package dev.goalcoach.analytics.metrics;

import java.time.LocalDate;

/**
 * A habit's metrics as {@link StreamedEngine} writes them: computed from its whole history ({@link HabitHistory}) or
 * continued from a checkpoint ({@link HabitReplay}), the same fields either way.
 */
abstract class HabitMetrics {

    final HabitHistory.Habit h;

    /** Met and owed occurrences of the last 7, 30 and 90 days, in sevenths: done7, due7, done30, due30, ... */
    final long[] sevenths = new long[6];

    int current;
    int longest;
    int baseCurrent;
    int baseLongest;
    int runBefore;

    double strength;
    double strengthThen;
    double baseStrength;
    int valued;
    int valuedThen;
    int baseValued;
    int misses;
    int baseMisses;
    LocalDate lastGood;
    LocalDate baseLastGood;
    String todayStatus;
    Boolean todaySuccess;

    /** The series' first day for this habit: its start, or 90 days ago. */
    final LocalDate seriesFirst;

    /** Per day of the last 90 (index 0: 89 days ago), the occurrences owed, met and skipped. */
    final int[] owed = new int[90];

    final int[] met = new int[90];
    final int[] skipped = new int[90];

    HabitMetrics(HabitHistory.Habit h) {
        this.h = h;
        this.seriesFirst = HabitRules.max(h.start(), h.today().minusDays(89));
    }

    /** The habit's streak unit: a week for n per week, else a day. */
    String unit() {
        return h.weekly() ? "week" : "day";
    }

    HabitHistory.Habit habit() {
        return h;
    }

    /** The habit's share of a member's risk look-back: its days from its start or 96 days ago. */
    LocalDate riskFirst() {
        return HabitRules.max(h.start(), h.today().minusDays(96));
    }
}
