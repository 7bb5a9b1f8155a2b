package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.analytics.metrics.DayStep;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The day's step is the recomputation: two warehouses with the same random histories (all four schedule types,
 * measurable habits both ways, skips, corrections, members in four time zones, habits starting on the way), one
 * stepped from day to day (recomputing only whom the step leaves out and whom a day's check-ins changed, as the
 * batch notices do), the other recomputed whole every day; every metric table is the same in both, every day for
 * seven weeks.
 */
class DayStepTest extends TwoWarehousesTestBase {

    private final DayStep step = new DayStep();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aStepIsTheRecomputationDayAfterDay(long seed) throws SQLException {
        var random = new Random(seed);
        var members = new ArrayList<UUID>();
        var habits = new ArrayList<Habit>();
        Instant now = NOW;
        history(random, members, habits, now, true);
        var rows = new ArrayList<String>();

        int stepped = 0;
        int due = 0;
        for (int day = 1; day <= 49; day++) {
            // some of today's check-ins arrive before midnight: those members are recomputed (a batch notice)
            var changed = new HashSet<UUID>();
            rows.clear();
            for (Habit h : habits) {
                LocalDate today = LocalDate.ofInstant(now, ZoneId.of(h.zone()));
                if (!today.isBefore(h.start()) && random.nextInt(3) == 0 && checkins(random, h, today, rows)) {
                    changed.add(h.member());
                }
            }
            insert(rows);
            if (!changed.isEmpty()) {
                ENGINE.refresh(c, now, changed);
            }
            now = now.plus(Duration.ofDays(1));
            var done = step.step(c, now, members);
            var rest = new ArrayList<>(members);
            rest.removeAll(done);
            ENGINE.refresh(c, now, rest);
            ENGINE.refresh(recomputed, now, members);
            assertSame(now);
            stepped += done.size();
            due += members.size();
        }
        // most member-days were stepped (who is left out: a habit starting that day)
        assertThat(stepped).as("member-days stepped of " + due).isGreaterThan(due * 8 / 10);
    }

    @Test
    void whoseFactsChangedOrWhoseMetricsAreOlderIsLeftToTheRecomputation() throws SQLException {
        var tomorrow = NOW.plus(Duration.ofDays(1)); // 2026-11-26 in UTC
        var quiet = member("UTC");
        facts.dailyHabit(quiet, LocalDate.parse("2026-10-01"));
        var loggedAhead = member("UTC");
        var ahead = facts.dailyHabit(loggedAhead, LocalDate.parse("2026-10-01"));
        var startsTomorrow = member("UTC");
        facts.dailyHabit(startsTomorrow, LocalDate.parse("2026-10-01"));
        facts.dailyHabit(startsTomorrow, LocalDate.parse("2026-11-26"));
        var twoDaysBehind = member("UTC");
        facts.dailyHabit(twoDaysBehind, LocalDate.parse("2026-10-01"));
        ENGINE.refresh(c, NOW, List.of(quiet, loggedAhead, startsTomorrow));
        ENGINE.refresh(c, NOW.minus(Duration.ofDays(1)), List.of(twoDaysBehind));
        // a check-in dated tomorrow arrived before the rollover ran (its notice not yet handled)
        facts.log(ahead, "2026-11-26", "DONE", null);

        var stepped = step.step(c, tomorrow, List.of(quiet, loggedAhead, startsTomorrow, twoDaysBehind));

        assertThat(stepped).containsExactly(quiet);
        assertThat(asOf(quiet)).isEqualTo(LocalDate.parse("2026-11-26"));
        assertThat(asOf(loggedAhead)).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(asOf(startsTomorrow)).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(asOf(twoDaysBehind)).isEqualTo(LocalDate.parse("2026-11-24"));
    }
}
