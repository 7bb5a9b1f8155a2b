package dev.goalcoach.analytics.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.TreeMap;

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

    /** A run of consecutive met or skipped occurrences: its first and last index, and how many were met. */
    private record Island(long first, long last, int length) {}

    /**
     * Counts a check-in into the streaks' marks: a due day met or skipped (by its occurrence's index: met), or, n per
     * week, its week's {done, skipped} in {@code weeks} (marked by {@link #streaks}).
     */
    static void mark(
            HabitRules rules, HabitHistory.Checkin c, TreeMap<Long, Boolean> marks, TreeMap<Long, int[]> weeks) {
        boolean success = rules.success(c);
        boolean skip = HabitRules.skip(c);
        if (rules.weekly()) {
            int[] week = weeks.computeIfAbsent(rules.weekIndex(c.day()), k -> new int[2]);
            week[0] += success ? 1 : 0;
            week[1] += skip ? 1 : 0;
        } else if (rules.due(c.day()) && (success || skip)) {
            marks.put(rules.index(c.day()), success);
        }
    }

    /**
     * The current and longest streak and what a check-in's step continues from (the run before today's occurrence,
     * the longest and current without today), from the marks (n per week: the weeks' tallies, marked here), gaps and
     * islands: the runs that ended before the marks had a longest of {@code closed}, and the run holding occurrence
     * {@code openAt} (null: none) had {@code openMet} met; {@code today} is today's check-in (null: none).
     */
    void streaks(
            HabitRules rules,
            TreeMap<Long, Boolean> marks,
            TreeMap<Long, int[]> weeks,
            Long openAt,
            int openMet,
            int closed,
            HabitHistory.Checkin today) {
        LocalDate day = h.today();
        boolean weekly = h.weekly();
        // a week met its quota: never, without an n (SQL's comparison with null)
        Integer n = weekly ? h.timesPerWeek() : null;
        weeks.forEach((idx, week) -> {
            boolean quota = n != null && week[0] >= n;
            if (quota || week[0] >= 7 - week[1]) {
                marks.put(idx, quota);
            }
        });
        var islands = new ArrayList<Island>();
        Long first = openAt;
        long last = openAt == null ? 0 : openAt;
        int length = openMet;
        for (var mark : marks.entrySet()) {
            if (first != null && mark.getKey() != last + 1) {
                islands.add(new Island(first, last, length));
                first = null;
            }
            if (first == null) {
                first = mark.getKey();
                length = 0;
            }
            last = mark.getKey();
            length += mark.getValue() ? 1 : 0;
        }
        if (first != null) {
            islands.add(new Island(first, last, length));
        }
        longest = closed;
        for (Island i : islands) {
            longest = Math.max(longest, i.length());
        }
        // where the current streak ends (a run that ended before the marks cannot hold it)
        Long currentEnd = null;
        boolean baseHas = false;
        if (weekly) {
            long thisWeek = rules.weekIndex(day);
            for (Island i : islands) {
                if (i.last() >= thisWeek - 1 && (currentEnd == null || i.last() > currentEnd)) {
                    currentEnd = i.last();
                }
            }
        } else {
            for (LocalDate d = HabitRules.max(h.start(), day.minusDays(70)); !d.isAfter(day); d = d.plusDays(1)) {
                if (rules.due(d) && (d.isBefore(day) || today != null)) {
                    currentEnd = rules.index(d);
                    baseHas |= d.isBefore(day);
                }
            }
        }
        for (Island i : islands) {
            if (currentEnd != null && i.last() == currentEnd) {
                current = i.length();
            }
        }
        // what a check-in's step continues from
        int todayMet = rules.success(today) ? 1 : 0;
        Long cur;
        Long prev;
        int delta;
        int curMet;
        int baseWeek = 0;
        if (weekly) {
            long thisWeek = rules.weekIndex(day);
            int[] week = weeks.get(thisWeek);
            int done = week == null ? 0 : week[0];
            cur = thisWeek;
            prev = thisWeek - 1;
            curMet = n != null && done >= n ? 1 : 0;
            baseWeek = n != null && done - todayMet >= n ? 1 : 0;
            delta = curMet - baseWeek;
        } else if (rules.due(day)) {
            cur = rules.index(day);
            prev = cur - 1;
            delta = todayMet;
            curMet = todayMet;
        } else {
            cur = null;
            prev = rules.index(day);
            delta = 0;
            curMet = 0;
        }
        Integer before = null;
        int longestBefore = closed;
        for (Island i : islands) {
            if (prev != null && i.first() <= prev && prev <= i.last()) {
                int run = i.length() - (cur != null && i.last() >= cur ? curMet : 0);
                before = before == null ? run : Math.max(before, run);
            }
            int without = cur != null && i.first() <= cur && cur <= i.last() ? i.length() - delta : i.length();
            longestBefore = Math.max(longestBefore, without);
        }
        runBefore = before == null ? 0 : before;
        baseLongest = longestBefore;
        baseCurrent = weekly ? runBefore + baseWeek : baseHas ? runBefore : 0;
    }
}
