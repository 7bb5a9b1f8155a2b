package dev.goalcoach.analytics.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One habit's metrics computed from its history in one pass, in the service: what {@link MetricsEngine}'s
 * statements compute for the habit (adherence's occurrences, streaks, strength and its state, the series' days),
 * word for word the same definitions ({@link HabitDays}, {@link AdherenceSql}, {@link StreakSql}, {@link
 * StrengthSql}, {@link SeriesSql}), so that {@link StreamedEngine} writes the rows the statements would. {@code
 * StreamedEngineTest} holds the two to the same rows over random histories.
 */
final class HabitHistory extends HabitMetrics {

    /** A habit as it counts (active, in its goal's plan, goal ACTIVE, started by {@code today}). */
    record Habit(
            UUID id,
            UUID goal,
            UUID member,
            String schedule,
            String days,
            Integer timesPerWeek,
            Integer everyN,
            LocalDate start,
            BigDecimal target,
            String direction,
            LocalDate today) {

        boolean weekly() {
            return "TIMES_PER_WEEK".equals(schedule);
        }

        /** The same habit as of another day. */
        Habit on(LocalDate day) {
            return new Habit(id, goal, member, schedule, days, timesPerWeek, everyN, start, target, direction, day);
        }
    }

    /** The latest check-in of a habit-day. */
    record Checkin(LocalDate day, String status, BigDecimal value) {}

    /** The habit's latest check-ins by day, from its start to its member's today. */
    private final TreeMap<LocalDate, Checkin> checkins;

    /** The schedule and target, read once: the definitions switch on them for every day. */
    private final HabitRules rules;

    /** What the checkpoint eight days back holds (see {@link #checkpoint}). */
    private final long[] ckSevenths = new long[6];

    private double ckStrength;
    private int ckValued;
    private LocalDate ckLastGood;

    HabitHistory(Habit h, TreeMap<LocalDate, Checkin> checkins) {
        super(h);
        this.checkins = checkins;
        this.rules = new HabitRules(h);
        grid();
        streaks();
    }

    // --- the day grid: adherence, strength and its state, misses, the series ---

    private void grid() {
        LocalDate today = h.today();
        int lookBack = rules.lookBack();
        // the checkpoint eight days back (HabitReplay.Checkpoint: the metrics the history up to that day leaves as
        // this pass computes them the day after, that day not logged), from the same days, a week further back
        LocalDate ckToday = today.minusDays(HabitReplay.MIN_BEHIND - 1L);
        LocalDate ckScored = ckToday.minusDays(89);
        LocalDate first = HabitRules.max(h.start(), ckScored.minusDays(lookBack));
        LocalDate scored = today.minusDays(89);
        LocalDate weekAgo = today.minusDays(7);
        int n = (int) HabitRules.days(first, today) + 1;
        int period = rules.period();
        Integer owedPerPeriod = rules.owedPerPeriod();
        boolean weekly = h.weekly();
        // without an n the statement's smoothing factor is null, and so is every term of the strength
        double m = rules.smoothing();

        int[] metUpTo = new int[n];
        var values = new ArrayList<double[]>(); // {value, 1 if a week or more ago, 1 if before today}
        // n per week: the weeks of the last 90 days
        var weeks = new TreeMap<LocalDate, int[]>(); // Monday -> {days, skipped, met, missed} x 3 windows, current
        var ckWeeks = new TreeMap<LocalDate, int[]>();
        var ckValues = new ArrayList<Double>();
        var byDay = new Checkin[Math.max(n, 0)];
        for (var c : n <= 0
                ? List.<Checkin>of()
                : checkins.subMap(first, true, today, true).values()) {
            byDay[(int) HabitRules.days(first, c.day())] = c;
        }
        int running = 0;
        for (int i = 0; i < n; i++) {
            LocalDate d = first.plusDays(i);
            Checkin c = byDay[i];
            String status = c == null ? null : c.status();
            boolean success = rules.success(c);
            boolean skip = "SKIPPED".equals(status);
            boolean due = rules.due(d);
            boolean counted = d.isBefore(today) || "DONE".equals(status) || "MISSED".equals(status);
            running += success ? 1 : 0;
            metUpTo[i] = running;
            if (!d.isBefore(ckScored) && !d.isAfter(ckToday)) {
                // as of the checkpoint: its day and before as logged, the day after it not logged yet
                boolean past = d.isBefore(ckToday);
                boolean ckSkip = past && skip;
                boolean ckSuccess = past && success;
                long ckAgo = HabitRules.days(d, ckToday);
                if (!weekly && due && past && !skip) {
                    for (int w = 0; w < 3; w++) {
                        if (ckAgo < WINDOWS[w]) {
                            ckSevenths[2 * w + 1] += 7;
                            ckSevenths[2 * w] += success ? 7 : 0;
                        }
                    }
                }
                if (weekly) {
                    tally(ckWeeks, d, ckAgo, ckSkip, ckSuccess, past && status != null && !success && !skip);
                    ckWeeks.get(HabitRules.monday(d))[12] |= d.equals(ckToday) ? 1 : 0;
                }
                if (past && !skip) {
                    int before = i - period >= 0 ? metUpTo[i - period] : 0;
                    ckValues.add(
                            owedPerPeriod == null ? 0 : Math.min(1.0, (double) (running - before) / owedPerPeriod));
                }
                if (past && due && (success || skip)) {
                    ckLastGood = d;
                }
            }
            if (d.isBefore(scored)) {
                continue;
            }
            long ago = HabitRules.days(d, today);
            if (!weekly && due && counted && !skip) {
                for (int w = 0; w < 3; w++) {
                    if (ago < WINDOWS[w]) {
                        sevenths[2 * w + 1] += 7;
                        sevenths[2 * w] += success ? 7 : 0;
                    }
                }
            }
            if (weekly) {
                tally(weeks, d, ago, skip, success, status != null && !success && !skip);
                weeks.get(HabitRules.monday(d))[12] |= d.equals(today) ? 1 : 0;
            }
            if (counted && !skip) {
                int before = i - period >= 0 ? metUpTo[i - period] : 0;
                double value = owedPerPeriod == null ? 0 : Math.min(1.0, (double) (running - before) / owedPerPeriod);
                values.add(new double[] {value, d.isAfter(weekAgo) ? 0 : 1, d.isBefore(today) ? 1 : 0});
            }
            // the series
            int k = (int) HabitRules.days(scored, d);
            owed[k] += (!weekly && due && counted && !skip) || (weekly && success) ? 1 : 0;
            met[k] += success && (due || weekly) ? 1 : 0;
            skipped[k] += skip ? 1 : 0;
            // the habit's state
            if (due && (success || skip)) {
                lastGood = d;
                if (d.isBefore(today)) {
                    baseLastGood = d;
                }
            }
            if (d.equals(today) && c != null) {
                todayStatus = status;
                todaySuccess = success;
            }
        }
        weekSums(weeks, sevenths);
        weekSums(ckWeeks, ckSevenths);
        // strength: the closed form summed in day order, as the statement's aggregate adds it up
        valued = values.size();
        for (double[] v : values) {
            valuedThen += (int) v[1];
            baseValued += (int) v[2];
        }
        int rank = 0;
        boolean anyThen = false;
        boolean anyBase = false;
        for (double[] v : owedPerPeriod == null ? List.<double[]>of() : values) {
            rank++;
            strength += (1 - m) * v[0] * Math.pow(m, valued - rank);
            if (v[1] == 1) {
                strengthThen += (1 - m) * v[0] * Math.pow(m, valuedThen - rank);
                anyThen = true;
            }
            if (v[2] == 1) {
                baseStrength += (1 - m) * v[0] * Math.pow(m, baseValued - rank);
                anyBase = true;
            }
        }
        strengthThen = anyThen ? strengthThen : 0;
        baseStrength = anyBase ? baseStrength : 0;
        ckValued = ckValues.size();
        rank = 0;
        for (double v : owedPerPeriod == null ? List.<Double>of() : ckValues) {
            rank++;
            ckStrength += (1 - m) * v * Math.pow(m, ckValued - rank);
        }
        // trailing misses after the last good day (day-scheduled habits), with and without today
        if (!weekly) {
            LocalDate after = lastGood == null ? today.minusDays(90) : lastGood;
            LocalDate baseAfter = baseLastGood == null ? today.minusDays(90) : baseLastGood;
            for (LocalDate d = scored; !d.isAfter(today); d = d.plusDays(1)) {
                if (d.isBefore(first)) {
                    continue;
                }
                Checkin c = checkins.get(d);
                String status = c == null ? null : c.status();
                boolean counted = d.isBefore(today) || "DONE".equals(status) || "MISSED".equals(status);
                if (rules.due(d) && counted && !"SKIPPED".equals(status) && !rules.success(c)) {
                    misses += d.isAfter(after) ? 1 : 0;
                    baseMisses += d.isBefore(today) && d.isAfter(baseAfter) ? 1 : 0;
                }
            }
        }
    }

    /** A day of an n-per-week habit counted into its week's tallies of each window it lies in. */
    private static void tally(
            TreeMap<LocalDate, int[]> weeks, LocalDate d, long ago, boolean skip, boolean success, boolean missed) {
        int[] week = weeks.computeIfAbsent(HabitRules.monday(d), k -> new int[13]);
        for (int w = 0; w < 3; w++) {
            if (ago < WINDOWS[w]) {
                week[4 * w]++;
                week[4 * w + 1] += skip ? 1 : 0;
                week[4 * w + 2] += success ? 1 : 0;
                week[4 * w + 3] += missed ? 1 : 0;
            }
        }
    }

    /** The weeks' shares of each window, in sevenths, added to {@code sums}. */
    private void weekSums(TreeMap<LocalDate, int[]> weeks, long[] sums) {
        for (int[] week : weeks.values()) {
            for (int w = 0; w < 3; w++) {
                int days = week[4 * w];
                int skips = week[4 * w + 1];
                int metIn = week[4 * w + 2];
                int missed = week[4 * w + 3];
                // SQL's least() passes over a null n, and a null owed is left out of the sum
                Integer quota = h.timesPerWeek();
                Long owedIn;
                if (days == 0) {
                    owedIn = 0L;
                } else if (week[12] == 1) {
                    owedIn = 7L * (quota == null ? metIn + missed : Math.min(quota, metIn + missed));
                } else {
                    owedIn = quota == null ? null : (long) quota * (days - skips);
                }
                sums[2 * w] += owedIn == null ? 7L * metIn : Math.min(7L * metIn, owedIn);
                sums[2 * w + 1] += owedIn == null ? 0 : owedIn;
            }
        }
    }

    private static final int[] WINDOWS = {7, 30, 90};

    // --- streaks: gaps and islands over the whole history ---

    /** Every met or skipped occurrence (a week, for n per week) by its index: whether it was met. */
    private final TreeMap<Long, Boolean> marks = new TreeMap<>();

    private void streaks() {
        var weeks = new TreeMap<Long, int[]>(); // week index -> {done, skipped}
        for (Checkin c : checkins.values()) {
            mark(rules, c, marks, weeks);
        }
        streaks(rules, marks, weeks, null, 0, 0, checkins.get(h.today()));
    }

    /**
     * The habit's checkpoint eight days back ({@link HabitReplay#MIN_BEHIND}), computed in this pass: what {@link
     * HabitReplay.Checkpoint#of} computes from the history up to that day ({@code HabitReplayTest} holds the two
     * equal).
     */
    HabitReplay.Checkpoint checkpoint() {
        LocalDate day = h.today().minusDays(HabitReplay.MIN_BEHIND);
        if (h.start().isAfter(day)) {
            return new HabitReplay.Checkpoint(day, 0, 0, null, new long[6], 0, null);
        }
        Long last = HabitReplay.boundary(rules, h, day);
        int[] runs = last == null ? new int[] {0} : runsUpTo(last);
        return new HabitReplay.Checkpoint(
                day,
                ckValued == 0 ? 0 : ckStrength,
                ckValued,
                ckLastGood,
                ckSevenths.clone(),
                runs[0],
                runs.length > 1 ? runs[1] : null);
    }

    /**
     * The runs of the occurrences up to {@code last}: the longest of those that end before it, and how many were met
     * in the run that holds it (null: it was neither met nor skipped). What a replay continues the streaks from.
     */
    int[] runsUpTo(long last) {
        int closed = 0;
        Integer open = null;
        Long end = null;
        int length = 0;
        for (var mark : marks.headMap(last, true).entrySet()) {
            if (end != null && mark.getKey() != end + 1) {
                closed = Math.max(closed, length);
                length = 0;
            }
            end = mark.getKey();
            length += mark.getValue() ? 1 : 0;
        }
        if (end != null && end == last) {
            open = length;
        } else if (end != null) {
            closed = Math.max(closed, length);
        }
        return open == null ? new int[] {closed} : new int[] {closed, open};
    }
}
