package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.analytics.metrics.CheckinStep;
import dev.goalcoach.analytics.metrics.DayStep;
import dev.goalcoach.analytics.metrics.StreamedEngine;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Back-dated check-ins continued from the habits' checkpoints are the recomputation: two warehouses with the same
 * random histories; each day, in three rounds, check-ins of random habits on days up to a week back (goal-service
 * takes seven) are logged late, corrected (a later version, or a second check-in of the day) or retracted, in both;
 * one warehouse brings the members they changed up as the service does — today's by the check-in's step, earlier
 * days' by the replay from checkpoints ({@link StreamedEngine#replay}), whom both leave recomputed by the streamed
 * engine (which writes the checkpoints) — the other recomputes everyone with the statements; every metric table is
 * the same in both after every round, for three weeks of days, each rolled over by the day's step.
 */
class ReplayStepTest extends TwoWarehousesTestBase {

    private static final StreamedEngine STREAMED = new StreamedEngine();
    private final CheckinStep step = new CheckinStep();

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void backDatedCheckinsContinuedFromTheCheckpointsAreTheRecomputation(long seed) throws SQLException {
        var random = new Random(seed);
        var members = new ArrayList<UUID>();
        var habits = new ArrayList<Habit>();
        Instant now = NOW;
        history(random, members, habits, now, false);
        STREAMED.refresh(c, now, members); // the checkpoints
        var rows = new ArrayList<String>();
        var zones = new java.util.HashMap<UUID, String>();
        habits.forEach(h -> zones.put(h.member(), h.zone()));

        int replayed = 0;
        int stepped = 0;
        int late = 0;
        for (int day = 1; day <= 21; day++) {
            now = now.plus(Duration.ofDays(1));
            for (int round = 0; round < 3; round++) {
                now = now.plus(Duration.ofMinutes(20));
                rollOver(now, STREAMED);
                var changed = new LinkedHashMap<UUID, LocalDate>();
                rows.clear();
                for (Habit h : habits) {
                    LocalDate today = LocalDate.ofInstant(now, ZoneId.of(h.zone()));
                    LocalDate d = today.minusDays(random.nextInt(8));
                    if (d.isBefore(h.start()) || random.nextInt(3) != 0) {
                        continue;
                    }
                    boolean touched;
                    if (random.nextInt(6) == 0) {
                        both("delete from fact_checkins where habit_id = '" + h.id() + "' and local_date = '" + d
                                + "'");
                        touched = true;
                    } else if (random.nextInt(3) == 0) {
                        correct(random, h, d);
                        touched = true;
                    } else {
                        touched = checkins(random, h, d, rows, "timestamptz '" + now + "'");
                    }
                    if (touched) {
                        changed.merge(h.member(), d, (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
                insert(rows);
                if (changed.isEmpty()) {
                    continue;
                }
                var done = new ArrayList<>(step.step(c, now, changed).members());
                var left = new LinkedHashMap<>(changed);
                done.forEach(left::remove);
                var continued = STREAMED.replay(c, now, left);
                continued.forEach(left::remove);
                STREAMED.refresh(c, now, List.copyOf(left.keySet()));
                ENGINE.refresh(recomputed, now, members);
                assertSame(now);
                stepped += done.size();
                replayed += continued.size();
                for (var e : changed.entrySet()) {
                    late += e.getValue().isBefore(LocalDate.ofInstant(now, ZoneId.of(zones.get(e.getKey())))) ? 1 : 0;
                }
            }
        }
        assertThat(replayed)
                .as("members replayed of " + late + " with late changes")
                .isGreaterThan(late * 8 / 10);
    }

    @Test
    void withoutACheckpointOrOneTooOldOrChangesOnOrBeforeItsDayAMemberIsLeftToTheRecomputation() throws SQLException {
        // every day from the tests' NOW, which every engine call is given (no clock is read)
        LocalDate today = LocalDate.ofInstant(NOW, ZoneId.of("UTC"));
        LocalDate start = today.minusDays(85);
        LocalDate late = today.minusDays(5);
        LocalDate onTheCheckpoint = today.minusDays(8); // the checkpoint's own day
        var replayed = member("UTC");
        var habit = facts.dailyHabit(replayed, start);
        var statements = member("UTC"); // recomputed by the statements: no checkpoint
        var noCheckpoint = facts.dailyHabit(statements, start);
        var old = member("UTC"); // recomputed 22 days ago, stepped by a day since: its checkpoint is 30 days back
        var oldHabit = facts.dailyHabit(old, start);
        var imported = member("UTC"); // a change of a day the checkpoint holds (an import, not goal-service)
        var importedHabit = facts.dailyHabit(imported, start);
        Instant then = NOW.minus(Duration.ofDays(22));
        STREAMED.refresh(c, then, List.of(old));
        for (Instant day = then.plus(Duration.ofDays(1)); !day.isAfter(NOW); day = day.plus(Duration.ofDays(1))) {
            assertThat(new DayStep().step(c, day, List.of(old))).containsExactly(old);
        }
        STREAMED.refresh(c, NOW, List.of(replayed, imported));
        ENGINE.refresh(c, NOW, List.of(statements));
        facts.log(habit, late.toString(), "DONE", null);
        facts.log(noCheckpoint, late.toString(), "DONE", null);
        facts.log(oldHabit, late.toString(), "DONE", null);
        facts.log(importedHabit, onTheCheckpoint.toString(), "DONE", null);

        var done =
                STREAMED.replay(c, NOW, Map.of(replayed, late, statements, late, old, late, imported, onTheCheckpoint));

        assertThat(done).containsExactly(replayed);
        assertThat(memberStreak(replayed)).as("current, longest").containsExactly(0, 1);
    }
}
