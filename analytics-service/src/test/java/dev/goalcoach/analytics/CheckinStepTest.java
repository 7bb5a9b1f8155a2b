package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.analytics.metrics.CheckinStep;
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
 * A check-in's step is the recomputation: two warehouses with the same random histories; each day, in three rounds,
 * today's check-ins of random habits are logged, corrected (a later version of the same check-in, or a second
 * check-in of the day), or retracted, in both; one warehouse steps the members they changed (recomputing only whom
 * the step leaves out), the other recomputes everyone; every metric table is the same in both after every round,
 * for three weeks of days (each rolled over by the day's step, which now continues from what a check-in's step
 * wrote). Members write journal entries on the way, which the risk's mood reads.
 */
class CheckinStepTest extends TwoWarehousesTestBase {

    private final CheckinStep step = new CheckinStep();

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void aCheckinsStepIsTheRecomputation(long seed) throws SQLException {
        var random = new Random(seed);
        var members = new ArrayList<UUID>();
        var habits = new ArrayList<Habit>();
        Instant now = NOW;
        history(random, members, habits, now, true); // the last member has no habit: no risk
        var rows = new ArrayList<String>();

        int stepped = 0;
        int changedMembers = 0;
        int announcedChanges = 0;
        for (int day = 1; day <= 21; day++) {
            now = now.plus(Duration.ofDays(1));
            for (int round = 0; round < 3; round++) {
                now = now.plus(Duration.ofMinutes(20));
                rollOver(now, ENGINE);
                var changed = new LinkedHashMap<UUID, LocalDate>();
                rows.clear();
                for (Habit h : habits) {
                    LocalDate today = LocalDate.ofInstant(now, ZoneId.of(h.zone()));
                    if (today.isBefore(h.start()) || random.nextInt(3) != 0) {
                        continue;
                    }
                    if (random.nextInt(6) == 0) {
                        both("delete from fact_checkins where habit_id = '" + h.id() + "' and local_date = '" + today
                                + "'");
                        changed.put(h.member(), today);
                    } else if (random.nextInt(3) == 0) {
                        correct(random, h, today);
                        changed.put(h.member(), today);
                    } else if (checkins(random, h, today, rows, "timestamptz '" + now + "'")) {
                        changed.put(h.member(), today);
                    }
                }
                insert(rows);
                for (UUID member : members) {
                    if (random.nextInt(4) == 0) { // a journal entry, read by the risk's mood
                        twice.journal(member, now, (random.nextInt(2001) - 1000) / 1000.0);
                        changed.putIfAbsent(member, null);
                    }
                }
                if (changed.isEmpty()) {
                    continue;
                }
                exec("delete from analytics_outbox"); // published
                var before = levels();
                var result = step.step(c, now, changed);
                var done = result.members();
                // the levels the step changed, each announced once, from its previous level, as its risk row holds it
                var after = levels();
                var expected = new ArrayList<String>();
                after.forEach((member, level) -> {
                    if (!level.equals(before.get(member))) {
                        expected.add(member + " " + before.get(member) + " -> " + level);
                    }
                });
                assertThat(announced()).as(now + ": announced").containsExactlyInAnyOrderElementsOf(expected);
                assertThat(result.riskChanges()).isEqualTo(expected.size());
                announcedChanges += expected.size();
                var left = new ArrayList<>(changed.keySet());
                left.removeAll(done);
                ENGINE.refresh(c, now, left);
                ENGINE.refresh(recomputed, now, members);
                assertSame(now);
                stepped += done.size();
                changedMembers += changed.size();
            }
        }
        // nearly every change was stepped (who is left out: a habit starting that day, recomputed by the rollover)
        assertThat(stepped).as("members stepped of " + changedMembers).isGreaterThan(changedMembers * 8 / 10);
        assertThat(announcedChanges).as("levels a step changed").isPositive();
    }

    /** Each member's risk level as last announced. */
    private Map<UUID, String> levels() throws SQLException {
        var out = new java.util.HashMap<UUID, String>();
        try (var s = c.createStatement();
                var rs = s.executeQuery("select member_id, level from metrics_risk_level")) {
            while (rs.next()) {
                out.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
        return out;
    }

    /** The changes in the outbox whose score and reasons are their member's risk row's. */
    private List<String> announced() throws SQLException {
        var out = new ArrayList<String>();
        try (var s = c.createStatement();
                var rs = s.executeQuery("select o.member_id, o.previous_level, o.level from analytics_outbox o join"
                        + " metrics_risk r on r.member_id = o.member_id and r.score = o.score and r.reasons ="
                        + " o.reasons and r.as_of = o.as_of")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " -> " + rs.getString(3));
            }
        }
        return out;
    }

    @Test
    void whoseMetricsAreNotAsOfTodayWhoseHabitsChangedOrWhoseOlderDaysChangedIsLeftToTheRecomputation()
            throws SQLException {
        var asOfToday = member("UTC");
        var habit = facts.dailyHabit(asOfToday, LocalDate.parse("2026-10-01"));
        var behind = member("UTC");
        facts.dailyHabit(behind, LocalDate.parse("2026-10-01"));
        var newHabit = member("UTC");
        facts.dailyHabit(newHabit, LocalDate.parse("2026-10-01"));
        var never = member("UTC");
        facts.dailyHabit(never, LocalDate.parse("2026-10-01"));
        ENGINE.refresh(c, NOW, List.of(asOfToday, newHabit));
        ENGINE.refresh(c, NOW.minus(Duration.ofDays(1)), List.of(behind));
        facts.dailyHabit(newHabit, LocalDate.parse("2026-11-20")); // a habit the metrics do not know yet
        facts.log(habit, "2026-11-25", "DONE", null);
        var backDated = member("UTC");
        var late = facts.dailyHabit(backDated, LocalDate.parse("2026-10-01"));
        ENGINE.refresh(c, NOW, List.of(backDated));
        facts.log(late, "2026-11-24", "DONE", null); // yesterday's, logged late: older days than today changed

        var journalOnly = member("UTC"); // a journal entry changed, no check-in: stepped (the risk reads the mood)
        facts.dailyHabit(journalOnly, LocalDate.parse("2026-10-01"));
        ENGINE.refresh(c, NOW, List.of(journalOnly));
        var candidates = new java.util.HashMap<UUID, LocalDate>();
        candidates.put(journalOnly, null);
        candidates.putAll(Map.of(
                asOfToday,
                LocalDate.parse("2026-11-25"),
                behind,
                LocalDate.parse("2026-11-25"),
                newHabit,
                LocalDate.parse("2026-11-25"),
                never,
                LocalDate.parse("2026-11-25"),
                backDated,
                LocalDate.parse("2026-11-24")));
        var stepped = step.step(c, NOW, candidates).members();

        assertThat(stepped).containsExactlyInAnyOrder(asOfToday, journalOnly);
        assertThat(memberStreak(asOfToday)).containsExactly(1, 1);
    }
}
