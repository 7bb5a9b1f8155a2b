package dev.goalcoach.analytics.metrics;

import static dev.goalcoach.analytics.metrics.HabitRules.days;
import static dev.goalcoach.analytics.metrics.HabitRules.doneOrMissed;
import static dev.goalcoach.analytics.metrics.HabitRules.max;
import static dev.goalcoach.analytics.metrics.HabitRules.min;
import static dev.goalcoach.analytics.metrics.HabitRules.monday;
import static dev.goalcoach.analytics.metrics.HabitRules.skip;

import dev.goalcoach.analytics.metrics.HabitHistory.Checkin;
import dev.goalcoach.analytics.metrics.HabitHistory.Habit;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A habit's metrics as of its today continued from a checkpoint: what {@link HabitHistory} computes from the
 * habit's whole history, computed instead from what the history up to the checkpoint's day left (strength and the
 * days it holds, the last good day, the windows' sums, the runs) and the few days that can still change — the
 * days since the checkpoint, and the days the windows let go of since — so that a check-in logged, corrected or
 * retracted days late moves its habit in O(days since the checkpoint), not O(history). Check-ins older than a week
 * do not change through goal-service, so a checkpoint eight days back stays true until it is moved.
 *
 * <p>Each metric by its definition in {@link HabitHistory}:
 *
 * <ul>
 *   <li>strength (closed form over the counted days of the 90): the terms of the days the 90 let go of since the
 *       checkpoint go, oldest first ({@code S − (1 − m)·v·m^(V − 1)}), the days since come in ({@code m·S + (1 −
 *       m)·v}); a week ago's and the base are the same sums stopped earlier;
 *   <li>adherence's windows: the checkpoint's sums, less what the changed units (a day; a week for n per week)
 *       added as of the checkpoint, plus what they add today — a unit changes when the window let go of it, took it
 *       in, or it holds the checkpoint's or today's day (a current week owes differently);
 *   <li>the last good day and the trailing misses: every due day after the last good day is a miss, so they follow
 *       from the last good day and the schedule;
 *   <li>streaks: the runs that ended before the checkpoint's last occurrence (their longest) and the run that
 *       holds it (how many met), continued by the occurrences since.
 * </ul>
 *
 * {@code HabitReplayTest} holds it to {@link HabitHistory} over random histories, reading only {@link #reads}.
 */
final class HabitReplay extends HabitMetrics {

    /**
     * What the history up to {@code day} leaves a habit's metrics (as {@link HabitHistory} computes them the day
     * after, that day not logged): the strength and the days it holds, the last good day, the windows' sums in
     * sevenths, the longest run that ended before the day's last occurrence and the met of the run holding it
     * (null: that occurrence was neither met nor skipped).
     */
    record Checkpoint(
            LocalDate day,
            double strength,
            int valued,
            LocalDate lastGood,
            long[] sevenths,
            int closedRuns,
            Integer openRun) {

        /** The checkpoint of {@code h} at {@code day} from its check-ins (those after the day are not read). */
        static Checkpoint of(Habit h, NavigableMap<LocalDate, Checkin> checkins, LocalDate day) {
            if (h.start().isAfter(day)) {
                return new Checkpoint(day, 0, 0, null, new long[6], 0, null); // nothing to continue from yet
            }
            var x = new HabitHistory(h.on(day.plusDays(1)), new TreeMap<>(checkins.headMap(day, true)));
            Long last = boundary(new HabitRules(h), h, day);
            int[] runs = last == null ? new int[] {0} : x.runsUpTo(last);
            return new Checkpoint(
                    day,
                    x.baseStrength,
                    x.baseValued,
                    x.baseLastGood,
                    x.sevenths.clone(),
                    runs[0],
                    runs.length > 1 ? runs[1] : null);
        }
    }

    /** How many days a checkpoint must lie before today at least (its days no longer change, a week ago's sum). */
    static final int MIN_BEHIND = 8;

    /** How many at most: past them a member is recomputed (which moves the checkpoint up). */
    static final int MAX_BEHIND = 21;

    private static final int[] WINDOWS = {7, 30, 90};

    private final HabitRules rules;
    private final NavigableMap<LocalDate, Checkin> checkins;
    private final LocalDate today;
    private final LocalDate day;

    /**
     * {@code h} (as of its today, at least {@value #MIN_BEHIND} days after the checkpoint's) from {@code ck} and its
     * latest check-ins by day, of which only the days {@link #reads} names are read.
     */
    HabitReplay(Habit h, Checkpoint ck, NavigableMap<LocalDate, Checkin> checkins) {
        super(h);
        this.rules = new HabitRules(h);
        this.checkins = checkins;
        this.today = h.today();
        this.day = ck.day();
        if (days(day, today) < MIN_BEHIND || days(day, today) > MAX_BEHIND) {
            throw new IllegalArgumentException("a checkpoint of " + day + " cannot be continued to " + today);
        }
        strength(ck);
        windows(ck);
        dayState(ck);
        streaks(ck);
    }

    /** The days of check-ins a replay of {@code h} (as of its today) from a checkpoint at {@code day} reads. */
    static List<LocalDate[]> reads(Habit h, LocalDate day) {
        var rules = new HabitRules(h);
        LocalDate today = h.today();
        var out = new ArrayList<LocalDate[]>();
        // the strength's days the 90 let go of, with their periods
        out.add(new LocalDate[] {day.minusDays(88L + rules.period() - 1), today.minusDays(90)});
        // the units the windows let go of (whole weeks)
        for (int w : WINDOWS) {
            out.add(new LocalDate[] {monday(day.minusDays(w - 2L)), sunday(today.minusDays(w))});
        }
        // the days since, with the strength's period and the week they start in
        out.add(new LocalDate[] {min(day.plusDays(2L - rules.period()), monday(day.plusDays(1))), today});
        return out;
    }

    private static LocalDate sunday(LocalDate d) {
        return monday(d).plusDays(6);
    }

    /**
     * The index of the last occurrence whose days all lie up to {@code day}: its last due day's, or the last week
     * ending by it (n per week); null when none is due by then.
     */
    static Long boundary(HabitRules rules, Habit h, LocalDate day) {
        if (rules.weekly()) {
            return day.getDayOfWeek() == DayOfWeek.SUNDAY ? rules.weekIndex(day) : rules.weekIndex(day) - 1;
        }
        int span = rules.period() * 7;
        for (LocalDate d = day; !d.isBefore(h.start()) && days(d, day) <= span; d = d.minusDays(1)) {
            if (rules.due(d)) {
                return rules.index(d);
            }
        }
        return null;
    }

    private Checkin at(LocalDate d) {
        return checkins.get(d);
    }

    /** The check-in of {@code d} as the checkpoint saw it: none after its day. */
    private Checkin atCheckpoint(LocalDate d) {
        return d.isAfter(day) ? null : checkins.get(d);
    }

    /** A day's value for the strength: met over its period (from the habit's start), against what it owes. */
    private double value(LocalDate d) {
        Integer owedPer = rules.owedPerPeriod();
        if (owedPer == null) {
            return 0;
        }
        int metIn = 0;
        for (LocalDate x = max(h.start(), d.minusDays(rules.period() - 1L)); !x.isAfter(d); x = x.plusDays(1)) {
            metIn += rules.success(at(x)) ? 1 : 0;
        }
        return Math.min(1.0, (double) metIn / owedPer);
    }

    private void strength(Checkpoint ck) {
        double m = rules.smoothing();
        double s = ck.strength();
        int v = ck.valued();
        LocalDate scored = today.minusDays(89);
        // the checkpoint's days before today's 90 go, oldest first (all before today: counted unless skipped)
        for (LocalDate d = max(h.start(), day.minusDays(88)); d.isBefore(scored); d = d.plusDays(1)) {
            if (!skip(at(d))) {
                s = v == 1 ? 0 : s - (1 - m) * value(d) * Math.pow(m, v - 1);
                v--;
            }
        }
        for (LocalDate d = day.plusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
            if (d.equals(today.minusDays(6))) {
                strengthThen = v == 0 ? 0 : s;
                valuedThen = v;
            }
            if (d.equals(today)) {
                baseStrength = v == 0 ? 0 : s;
                baseValued = v;
            }
            Checkin x = at(d);
            boolean counted = d.isBefore(today) || doneOrMissed(x);
            if (!d.isBefore(h.start()) && counted && !skip(x)) {
                s = m * s + (1 - m) * value(d);
                v++;
            }
        }
        strength = v == 0 ? 0 : s;
        valued = v;
    }

    private void windows(Checkpoint ck) {
        LocalDate next = day.plusDays(1);
        for (int w = 0; w < 3; w++) {
            int window = WINDOWS[w];
            // the units whose share differs: the window let go of them, took them in, or they hold either today
            var units = new TreeSet<LocalDate>();
            for (LocalDate d = day.minusDays(window - 2L); !d.isAfter(today.minusDays(window)); d = d.plusDays(1)) {
                units.add(unit(d));
            }
            for (LocalDate d = next; !d.isAfter(today); d = d.plusDays(1)) {
                units.add(unit(d));
            }
            long done = ck.sevenths()[2 * w];
            long due = ck.sevenths()[2 * w + 1];
            for (LocalDate u : units) {
                long[] then = share(u, window, next, true);
                long[] now = share(u, window, today, false);
                done += now[0] - then[0];
                due += now[1] - then[1];
            }
            sevenths[2 * w] = done;
            sevenths[2 * w + 1] = due;
        }
    }

    /** A day's unit in the windows: the day, or its week (n per week). */
    private LocalDate unit(LocalDate d) {
        return rules.weekly() ? monday(d) : d;
    }

    /**
     * What {@code unit} adds to a window of {@code window} days ending {@code asOf} (met, owed; in sevenths), with
     * the check-ins as of then ({@code checkpoint}: the checkpoint's).
     */
    private long[] share(LocalDate unit, int window, LocalDate asOf, boolean checkpoint) {
        LocalDate from = max(h.start(), asOf.minusDays(window - 1L));
        if (!rules.weekly()) {
            if (unit.isBefore(from) || unit.isAfter(asOf)) {
                return new long[2];
            }
            Checkin x = checkpoint ? atCheckpoint(unit) : at(unit);
            boolean counted = unit.isBefore(asOf) || doneOrMissed(x);
            if (!rules.due(unit) || !counted || skip(x)) {
                return new long[2];
            }
            return new long[] {rules.success(x) ? 7 : 0, 7};
        }
        int days = 0;
        int skips = 0;
        int metIn = 0;
        int missed = 0;
        for (LocalDate d = max(unit, from); !d.isAfter(min(unit.plusDays(6), asOf)); d = d.plusDays(1)) {
            Checkin x = checkpoint ? atCheckpoint(d) : at(d);
            boolean success = rules.success(x);
            days++;
            skips += skip(x) ? 1 : 0;
            metIn += success ? 1 : 0;
            missed += x != null && !success && !skip(x) ? 1 : 0;
        }
        if (days == 0) {
            return new long[2];
        }
        Integer quota = h.timesPerWeek();
        Long owedIn;
        if (unit.equals(monday(asOf))) {
            owedIn = 7L * (quota == null ? metIn + missed : Math.min(quota, metIn + missed));
        } else {
            owedIn = quota == null ? null : (long) quota * (days - skips);
        }
        return new long[] {owedIn == null ? 7L * metIn : Math.min(7L * metIn, owedIn), owedIn == null ? 0 : owedIn};
    }

    /** The series' days since the checkpoint, today's check-in, the last good day and the trailing misses. */
    private void dayState(Checkpoint ck) {
        boolean weekly = rules.weekly();
        LocalDate scored = today.minusDays(89);
        for (LocalDate d = max(h.start(), day.plusDays(1)); !d.isAfter(today); d = d.plusDays(1)) {
            Checkin x = at(d);
            boolean success = rules.success(x);
            boolean skip = skip(x);
            boolean due = rules.due(d);
            boolean counted = d.isBefore(today) || doneOrMissed(x);
            int k = (int) days(scored, d);
            owed[k] = (!weekly && due && counted && !skip) || (weekly && success) ? 1 : 0;
            met[k] = success && (due || weekly) ? 1 : 0;
            skipped[k] = skip ? 1 : 0;
            if (due && (success || skip)) {
                lastGood = d;
                baseLastGood = d.isBefore(today) ? d : baseLastGood;
            }
        }
        LocalDate held = ck.lastGood() != null && !ck.lastGood().isBefore(scored) ? ck.lastGood() : null;
        lastGood = lastGood == null ? held : lastGood;
        baseLastGood = baseLastGood == null ? held : baseLastGood;
        Checkin x = at(today);
        if (x != null) {
            todayStatus = x.status();
            todaySuccess = rules.success(x);
        }
        if (!weekly) {
            LocalDate after = lastGood == null ? today.minusDays(90) : lastGood;
            LocalDate baseAfter = baseLastGood == null ? today.minusDays(90) : baseLastGood;
            // after the last good day every due day is a miss (today: when logged DONE or MISSED)
            misses = dueBetween(max(after.plusDays(1), max(scored, h.start())), today.minusDays(1));
            misses += rules.due(today) && today.isAfter(after) && doneOrMissed(x) && !rules.success(x) ? 1 : 0;
            baseMisses = dueBetween(max(baseAfter.plusDays(1), max(scored, h.start())), today.minusDays(1));
        }
    }

    private int dueBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            n += rules.due(d) ? 1 : 0;
        }
        return n;
    }

    private void streaks(Checkpoint ck) {
        // the marks since the checkpoint's last occurrence, continuing the run that holds it
        var marks = new TreeMap<Long, Boolean>();
        var weeks = new TreeMap<Long, int[]>(); // week index -> {done, skipped}
        LocalDate from = rules.weekly() ? monday(day.plusDays(1)) : day.plusDays(1);
        for (LocalDate d = max(from, h.start()); !d.isAfter(today); d = d.plusDays(1)) {
            Checkin x = at(d);
            if (x != null) {
                mark(rules, x, marks, weeks);
            }
        }
        Long open = ck.openRun() == null ? null : boundary(rules, h, day);
        streaks(rules, marks, weeks, open, ck.openRun() == null ? 0 : ck.openRun(), ck.closedRuns(), at(today));
    }
}
