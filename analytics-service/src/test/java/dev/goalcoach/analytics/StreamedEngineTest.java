package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.analytics.metrics.StreamedEngine;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed recomputation writes what the statements write: two warehouses with the same random histories (all
 * four schedule types, measurable habits both ways, skips, corrections, members in four time zones, habits starting
 * on the way, one member without habits), one recomputed by {@link StreamedEngine}, the other by the statements
 * ({@code MetricsEngine}); every row of every metric table the same after every round, for five weeks of rounds in
 * which check-ins are logged for today and for days long past, corrected and retracted, habits are paused and
 * resumed, goals are closed and reopened — some members at a time and everyone at once.
 */
class StreamedEngineTest extends TwoWarehousesTestBase {

    private final StreamedEngine streamed = new StreamedEngine();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void theStreamedRecomputationWritesWhatTheStatementsWrite(long seed) throws SQLException {
        var random = new Random(seed);
        var members = new ArrayList<UUID>();
        var habits = new ArrayList<Habit>();
        Instant now = NOW;
        history(random, members, habits, now, true);
        assertThat(streamed.refresh(c, now, members)).as("risk changes written").isZero();
        assertSame(now);

        var rows = new ArrayList<String>();
        for (int round = 1; round <= 35; round++) {
            now = now.plus(Duration.ofHours(19));
            rows.clear();
            for (Habit h : habits) {
                LocalDate today = LocalDate.ofInstant(now, ZoneId.of(h.zone()));
                if (today.isBefore(h.start()) || random.nextInt(3) != 0) {
                    continue;
                }
                // today's, yesterday's or one of long ago, logged late; now and then one retracted
                LocalDate day = switch (random.nextInt(4)) {
                    case 0, 1 -> today;
                    case 2 -> today.minusDays(1);
                    default -> today.minusDays(random.nextInt(120));
                };
                if (random.nextInt(8) == 0) {
                    both("delete from fact_checkins where habit_id = '" + h.id() + "' and local_date = '" + day + "'");
                } else {
                    checkins(random, h, day, rows, "timestamptz '" + now + "'");
                }
            }
            insert(rows);
            if (round % 5 == 0) {
                // a habit paused or resumed, a goal closed or reopened: what counts changes
                Habit h = habits.get(random.nextInt(habits.size()));
                both(
                        random.nextBoolean()
                                ? "update dim_habits set active = not active where habit_id = '" + h.id() + "'"
                                : "update dim_goals set status = case status when 'ACTIVE' then 'COMPLETED' else 'ACTIVE'"
                                        + " end where goal_id = (select goal_id from dim_habits where habit_id = '"
                                        + h.id()
                                        + "')");
            }
            // some members, or everyone at once (as an admin's refresh)
            List<UUID> asked = round % 7 == 0 ? null : members.subList(0, 1 + random.nextInt(members.size()));
            int changes = streamed.refresh(c, now, asked);
            int expected = ENGINE.refresh(recomputed, now, asked);
            assertThat(changes).as(now + ": risk level changes written").isEqualTo(expected);
            if (asked != null) {
                // the others as well, so that every row can be compared
                var rest = new ArrayList<>(members);
                rest.removeAll(asked);
                streamed.refresh(c, now, rest);
                ENGINE.refresh(recomputed, now, rest);
            }
            assertSame(now);
        }
    }

    /**
     * Habits at the edges of the definitions, counted as the statements count them: an n-per-week habit without its
     * n (goal-service never sends one; the statements' nulls make it owe nothing in a past week), WEEKDAYS without
     * days and with an empty day in the list, every-n-days habits whose last occurrence crosses the streak's 70-day
     * look-back; each day for 80 days with some of the day's check-ins logged.
     */
    @Test
    void habitsAtTheEdgesOfTheDefinitionsAreCountedAsTheStatementsCountThem() throws SQLException {
        var random = new Random(7);
        Instant now = NOW;
        UUID member = twice.member("UTC", null, null);
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of("UTC"));
        var ids = List.of(
                twice.habit(
                        member,
                        "TIMES_PER_WEEK",
                        null,
                        null,
                        null,
                        today.minusDays(40).toString(),
                        null,
                        null),
                twice.habit(
                        member, "WEEKDAYS", "", null, null, today.minusDays(40).toString(), null, null),
                twice.habit(
                        member,
                        "WEEKDAYS",
                        "MONDAY,,FRIDAY,",
                        null,
                        null,
                        today.minusDays(40).toString(),
                        null,
                        null),
                twice.habit(
                        member,
                        "EVERY_N_DAYS",
                        null,
                        null,
                        66,
                        today.minusDays(200).toString(),
                        null,
                        null),
                twice.habit(
                        member,
                        "EVERY_N_DAYS",
                        null,
                        null,
                        64,
                        today.minusDays(150).toString(),
                        null,
                        null));
        String[] statuses = {"DONE", "DONE", "MISSED", "SKIPPED"};
        for (int day = -200; day <= 80; day++) {
            LocalDate d = today.plusDays(day);
            for (UUID habit : ids) {
                if (random.nextInt(3) > 0) {
                    twice.log(habit, d.toString(), statuses[random.nextInt(statuses.length)], null);
                }
            }
            if (day < 0) {
                continue;
            }
            Instant at = now.plus(Duration.ofDays(day));
            streamed.refresh(c, at, List.of(member));
            ENGINE.refresh(recomputed, at, List.of(member));
            assertSame(at);
        }
    }
}
