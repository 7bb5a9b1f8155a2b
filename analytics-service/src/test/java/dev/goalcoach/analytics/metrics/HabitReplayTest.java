package dev.goalcoach.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.goalcoach.analytics.metrics.HabitHistory.Checkin;
import dev.goalcoach.analytics.metrics.HabitHistory.Habit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A habit continued from a checkpoint is the habit computed from its whole history: random habits (every schedule,
 * n per week with and without its n, targets at least and at most, starts before, inside and after the 90 days),
 * random histories with good and bad spells (done, missed, skipped, values either side of the target, days not
 * logged), a checkpoint 8 to 20 days back computed from the history up to it, then the replay given only the days
 * {@link HabitReplay#reads} names: every metric {@link HabitHistory} computes equals it, the series on the days since
 * the checkpoint included. The histories after the checkpoint are free, so this is also every late, corrected and
 * retracted check-in of the last week. And the checkpoint a recomputation writes ({@link HabitHistory#checkpoint},
 * computed in the same pass) is the one computed from the history up to its day.
 */
class HabitReplayTest {

    /** A fixed today: the schedules' weekdays and weeks run through every offset across the cases anyway. */
    private static final LocalDate BASE = LocalDate.parse("2026-11-02");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void aHabitContinuedFromItsCheckpointIsTheHabitComputedFromItsHistory(long seed) {
        var random = new Random(seed);
        int cases = 0;
        for (int i = 0; i < 1500; i++) {
            LocalDate today = BASE.plusDays(random.nextInt(28));
            Habit h = habit(random, today);
            var history = history(random, h);
            LocalDate day = today.minusDays(HabitReplay.MIN_BEHIND + random.nextInt(13));
            var ck = HabitReplay.Checkpoint.of(h, history, day);
            var replay = new HabitReplay(h, ck, only(history, HabitReplay.reads(h, day)));
            var whole = new HabitHistory(h, history);
            assertSame(h + ", checkpoint " + day + ", " + history.values(), replay, whole, day);
            // the checkpoint a recomputation writes, computed in its own pass, is the one of the history up to it
            var written = whole.checkpoint();
            var of = HabitReplay.Checkpoint.of(h, history, today.minusDays(HabitReplay.MIN_BEHIND));
            String what = h + ", " + history.values();
            assertThat(written.day()).isEqualTo(of.day());
            assertThat(written.strength()).as("strength: " + what).isCloseTo(of.strength(), within(1e-12));
            assertThat(new Object[] {written.valued(), written.lastGood(), written.closedRuns(), written.openRun()})
                    .as("valued, last good, runs: " + what)
                    .containsExactly(of.valued(), of.lastGood(), of.closedRuns(), of.openRun());
            assertThat(written.sevenths()).as("sevenths: " + what).containsExactly(of.sevenths());
            cases++;
        }
        assertThat(cases).isEqualTo(1500);
    }

    private static void assertSame(String what, HabitReplay r, HabitHistory x, LocalDate day) {
        assertThat(r.sevenths).as("sevenths: " + what).containsExactly(x.sevenths);
        assertThat(new int[] {r.current, r.longest, r.baseCurrent, r.baseLongest, r.runBefore})
                .as("current, longest, base current, base longest, run before: " + what)
                .containsExactly(x.current, x.longest, x.baseCurrent, x.baseLongest, x.runBefore);
        assertThat(new int[] {r.valued, r.valuedThen, r.baseValued, r.misses, r.baseMisses})
                .as("valued, then, base; misses, base: " + what)
                .containsExactly(x.valued, x.valuedThen, x.baseValued, x.misses, x.baseMisses);
        assertThat(r.strength).as("strength: " + what).isCloseTo(x.strength, within(1e-10));
        assertThat(r.strengthThen).as("strength then: " + what).isCloseTo(x.strengthThen, within(1e-10));
        assertThat(r.baseStrength).as("base strength: " + what).isCloseTo(x.baseStrength, within(1e-10));
        assertThat(r.lastGood).as("last good: " + what).isEqualTo(x.lastGood);
        assertThat(r.baseLastGood).as("base last good: " + what).isEqualTo(x.baseLastGood);
        assertThat(r.todayStatus).as("today's status: " + what).isEqualTo(x.todayStatus);
        assertThat(r.todaySuccess).as("today's success: " + what).isEqualTo(x.todaySuccess);
        LocalDate today = x.habit().today();
        for (LocalDate d = today.minusDays(89); !d.isAfter(day); d = d.plusDays(1)) {
            int k = (int) HabitRules.days(today.minusDays(89), d);
            assertThat(new int[] {r.owed[k], r.met[k], r.skipped[k]})
                    .as("series of " + d + ", before the checkpoint's day: none: " + what)
                    .containsExactly(0, 0, 0);
        }
        for (LocalDate d = day.plusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
            int k = (int) HabitRules.days(today.minusDays(89), d);
            assertThat(new int[] {r.owed[k], r.met[k], r.skipped[k]})
                    .as("series of " + d + ": " + what)
                    .containsExactly(x.owed[k], x.met[k], x.skipped[k]);
        }
    }

    private static Habit habit(Random random, LocalDate today) {
        String[] schedules = {"DAILY", "WEEKDAYS", "EVERY_N_DAYS", "TIMES_PER_WEEK"};
        String schedule = schedules[random.nextInt(4)];
        String days = null;
        if (schedule.equals("WEEKDAYS")) {
            var listed = new ArrayList<String>();
            for (String name : HabitDays.DAY_NAMES) {
                if (random.nextInt(3) == 0) {
                    listed.add(name);
                }
            }
            days = String.join(",", listed);
        }
        Integer times = schedule.equals("TIMES_PER_WEEK") && random.nextInt(8) != 0 ? 1 + random.nextInt(7) : null;
        Integer everyN = schedule.equals("EVERY_N_DAYS") ? 2 + random.nextInt(12) : null;
        BigDecimal target = random.nextBoolean() ? BigDecimal.valueOf(3 + random.nextInt(4)) : null;
        String direction = target == null ? null : random.nextBoolean() ? "AT_LEAST" : "AT_MOST";
        // started long ago, within the 90 days, or since the checkpoint
        int age = switch (random.nextInt(4)) {
            case 0 -> 100 + random.nextInt(300);
            case 1 -> 30 + random.nextInt(80);
            case 2 -> 8 + random.nextInt(30);
            default -> random.nextInt(12);
        };
        return new Habit(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                schedule,
                days,
                times,
                everyN,
                today.minusDays(age),
                target,
                direction,
                today);
    }

    /** Spells of a few days to weeks, each with its own chances of logging and of each status. */
    private static TreeMap<LocalDate, Checkin> history(Random random, Habit h) {
        var out = new TreeMap<LocalDate, Checkin>();
        String[] statuses = {"DONE", "MISSED", "SKIPPED"};
        int spell = 0;
        int logs = 0;
        int good = 0;
        for (LocalDate d = h.start(); !d.isAfter(h.today()); d = d.plusDays(1)) {
            if (spell-- <= 0) {
                spell = 1 + random.nextInt(25);
                logs = random.nextInt(11);
                good = random.nextInt(11);
            }
            if (random.nextInt(10) >= logs) {
                continue;
            }
            String status = random.nextInt(10) < good ? "DONE" : statuses[random.nextInt(3)];
            BigDecimal value =
                    h.target() != null && random.nextInt(5) != 0 ? BigDecimal.valueOf(random.nextInt(9)) : null;
            out.put(d, new Checkin(d, status, value));
        }
        return out;
    }

    private static TreeMap<LocalDate, Checkin> only(TreeMap<LocalDate, Checkin> history, List<LocalDate[]> ranges) {
        var out = new TreeMap<LocalDate, Checkin>();
        for (LocalDate[] r : ranges) {
            if (!r[1].isBefore(r[0])) {
                out.putAll(history.subMap(r[0], true, r[1], true));
            }
        }
        return out;
    }
}
