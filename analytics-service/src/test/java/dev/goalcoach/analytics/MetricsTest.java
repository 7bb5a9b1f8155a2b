package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.goalcoach.testkit.PostgresResource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The metric definitions, pinned by hand-computed values on constructed histories in a real PostgreSQL
 * warehouse. "Now" is Wednesday 2026-11-25 12:00 UTC unless a test says otherwise; ISO week 48 runs Monday 11-23
 * to Sunday 11-29.
 */
class MetricsTest extends WarehouseTestBase {

    @Test
    void dailyAdherenceLeavesSkipsOutAndTodayUntilItIsLogged() throws SQLException {
        var m = member("UTC");
        var h = habit(m, "DAILY", null, null, null, "2026-11-01", null, null);
        log(h, "2026-11-19", "DONE", null);
        log(h, "2026-11-20", "DONE", null);
        log(h, "2026-11-21", "MISSED", null);
        log(h, "2026-11-22", "SKIPPED", null);
        log(h, "2026-11-23", "DONE", null);
        // 11-24 nothing (a miss), 11-25 is today and not logged yet
        refresh(m);

        // 7 days: 19 20 21 23 24 are owed (22 skipped, today open), 3 met
        assertThat(adherence(h, 7)).isEqualByComparingTo("0.6000");
        // 30 days: from the start 11-01, 24 days before today, one skipped: 23 owed, 3 met
        assertThat(adherence(h, 30)).isCloseTo(new BigDecimal("0.1304"), within(new BigDecimal("0.0001")));
        assertThat(due(h, 90)).isEqualByComparingTo("23");

        log(h, "2026-11-25", "DONE", null);
        refresh(m);
        assertThat(adherence(h, 7)).isEqualByComparingTo(new BigDecimal(4.0 / 6).setScale(4, RoundingMode.HALF_UP));
    }

    @Test
    void weekdaysAndEveryNDaysOweOnlyTheirDays() throws SQLException {
        var m = member("UTC");
        var mwf = habit(m, "WEEKDAYS", "MONDAY,WEDNESDAY,FRIDAY", null, null, "2026-11-02", null, null);
        log(mwf, "2026-11-20", "DONE", null); // Friday
        log(mwf, "2026-11-21", "DONE", null); // Saturday: not due, ignored
        log(mwf, "2026-11-23", "MISSED", null); // Monday
        log(mwf, "2026-11-25", "DONE", null); // Wednesday, today
        var every3 = habit(m, "EVERY_N_DAYS", null, null, 3, "2026-11-01", null, null);
        log(every3, "2026-11-19", "DONE", null);
        log(every3, "2026-11-22", "DONE", null);
        log(every3, "2026-11-23", "MISSED", null); // not due: ignored
        refresh(m);

        // due in 11-19..11-25: Fri 20, Mon 23, Wed 25 -> 2 of 3
        assertThat(adherence(mwf, 7)).isEqualByComparingTo("0.6667");
        assertThat(due(mwf, 7)).isEqualByComparingTo("3");
        // due: 19, 22, 25 (today, open) -> 2 of 2
        assertThat(adherence(every3, 7)).isEqualByComparingTo("1.0000");
        assertThat(due(every3, 7)).isEqualByComparingTo("2");
        // the member: 4 met of 5 owed
        assertThat(memberAdherence(m, 7)).isEqualByComparingTo("0.8000");
    }

    @Test
    void timesPerWeekOwesItsQuotaPerIsoWeekProratedAtTheWindowsEdge() throws SQLException {
        var m = member("UTC");
        var h = habit(m, "TIMES_PER_WEEK", null, 3, null, "2026-11-02", null, null);
        log(h, "2026-11-19", "DONE", null);
        log(h, "2026-11-21", "DONE", null);
        log(h, "2026-11-24", "DONE", null);
        log(h, "2026-11-25", "MISSED", null);
        refresh(m);

        // week 47 has 4 days in the 7-day window (Thu 19 .. Sun 22): owes 3 x 4/7, met 2 (capped at 12/7);
        // week 48 is current: owes what was done or missed so far, 2, met 1 -> (12/7 + 1) / (12/7 + 2) = 19/26
        assertThat(adherence(h, 7)).isEqualByComparingTo("0.7308");
    }

    @Test
    void measurableHabitsMeetTheirTargetFromTheRightSide() throws SQLException {
        var m = member("UTC");
        var atMost = habit(m, "DAILY", null, null, null, "2026-11-01", "2", "AT_MOST");
        log(atMost, "2026-11-19", "DONE", "1");
        log(atMost, "2026-11-20", "DONE", "3"); // over the limit
        log(atMost, "2026-11-21", "DONE", "2"); // exactly the limit
        log(atMost, "2026-11-22", "DONE", "0");
        log(atMost, "2026-11-23", "DONE", null); // done, no figure given
        log(atMost, "2026-11-24", "MISSED", null);
        log(atMost, "2026-11-25", "DONE", "5"); // today, logged, over
        var atLeast = habit(m, "DAILY", null, null, null, "2026-11-24", "30", "AT_LEAST");
        log(atLeast, "2026-11-24", "DONE", "20");
        log(atLeast, "2026-11-25", "DONE", "30");
        refresh(m);

        assertThat(adherence(atMost, 7)).isEqualByComparingTo("0.5714"); // 4 of 7
        assertThat(adherence(atLeast, 7)).isEqualByComparingTo("0.5000");
    }

    @Test
    void todayIsTheMembersOwnDate() throws SQLException {
        var auckland = member("Pacific/Auckland");
        var utc = member("UTC");
        var inAuckland = habit(auckland, "DAILY", null, null, null, "2026-11-20", null, null);
        var inUtc = habit(utc, "DAILY", null, null, null, "2026-11-20", null, null);
        for (var d = LocalDate.parse("2026-11-20"); d.isBefore(LocalDate.parse("2026-11-25")); d = d.plusDays(1)) {
            log(inAuckland, d.toString(), "DONE", null);
            log(inUtc, d.toString(), "DONE", null);
        }
        // 11:30 UTC: 00:30 on the 26th in Auckland (NZDT), still the 25th in UTC
        engine().refresh(c, Instant.parse("2026-11-25T11:30:00Z"), List.of(auckland, utc));

        // Auckland: the 25th is over and was not logged -> 5 of 6, streak broken
        assertThat(adherence(inAuckland, 7)).isEqualByComparingTo("0.8333");
        assertThat(streak(inAuckland)).containsExactly(0, 5);
        // UTC: the 25th is today and still open -> 5 of 5, streak 5
        assertThat(adherence(inUtc, 7)).isEqualByComparingTo("1.0000");
        assertThat(streak(inUtc)).containsExactly(5, 5);
        assertThat(asOf(auckland)).isEqualTo(LocalDate.parse("2026-11-26"));
        assertThat(asOf(utc)).isEqualTo(LocalDate.parse("2026-11-25"));
    }

    @Test
    void streaksRunAcrossIsoWeeksSkipsHoldThemAndTodayOpenDoesNotBreakThem() throws SQLException {
        var m = member("UTC");
        var h = habit(m, "DAILY", null, null, null, "2026-11-01", null, null);
        for (String d : List.of("2026-11-10", "2026-11-11", "2026-11-12")) {
            log(h, d, "DONE", null);
        }
        // Fri 20, Sat 21, (Sun 22 skipped), Mon 23, Tue 24: across the week boundary
        log(h, "2026-11-20", "DONE", null);
        log(h, "2026-11-21", "DONE", null);
        log(h, "2026-11-22", "SKIPPED", null);
        log(h, "2026-11-23", "DONE", null);
        log(h, "2026-11-24", "DONE", null);
        refresh(m);
        assertThat(streak(h)).containsExactly(4, 4);

        log(h, "2026-11-25", "DONE", null);
        refresh(m);
        assertThat(streak(h)).containsExactly(5, 5);
        assertThat(memberStreak(m)).containsExactly(5, 5);

        retract(h, "2026-11-25");
        log(h, "2026-11-25", "MISSED", null);
        refresh(m);
        assertThat(streak(h)).containsExactly(0, 4);
    }

    @Test
    void streaksOfWeekdaysEveryNDaysAndWeeklyHabitsCountTheirOwnOccurrences() throws SQLException {
        var m = member("UTC");
        var mwf = habit(m, "WEEKDAYS", "MONDAY,WEDNESDAY,FRIDAY", null, null, "2026-11-02", null, null);
        for (String d : List.of("2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23")) {
            log(mwf, d, "DONE", null); // Mon Wed Fri Mon: consecutive occurrences
        }
        var every3 = habit(m, "EVERY_N_DAYS", null, null, 3, "2026-11-01", null, null);
        log(every3, "2026-11-13", "MISSED", null);
        log(every3, "2026-11-16", "DONE", null);
        log(every3, "2026-11-19", "DONE", null);
        log(every3, "2026-11-22", "DONE", null);
        var weekly = habit(m, "TIMES_PER_WEEK", null, 3, null, "2026-11-02", null, null);
        for (String d : List.of("2026-11-09", "2026-11-11", "2026-11-13", "2026-11-16", "2026-11-19", "2026-11-21")) {
            log(weekly, d, "DONE", null); // weeks 46 and 47 met
        }
        log(weekly, "2026-11-24", "DONE", null); // week 48 under way
        refresh(m);

        assertThat(streak(mwf)).containsExactly(4, 4); // today (Wed) open
        assertThat(streak(every3)).containsExactly(3, 3); // today (25th) due and open
        assertThat(streak(weekly)).containsExactly(2, 2); // in weeks; the current week does not break it
    }

    @Test
    void habitStrengthSmoothsDayByDayAndSkipsHoldIt() throws SQLException {
        var m = member("UTC");
        var allDone = habit(m, "DAILY", null, null, null, "2026-11-16", null, null);
        var withSkip = habit(m, "DAILY", null, null, null, "2026-11-16", null, null);
        var doneThenMissed = habit(m, "DAILY", null, null, null, "2026-11-16", null, null);
        for (var d = LocalDate.parse("2026-11-16"); d.isBefore(LocalDate.parse("2026-11-25")); d = d.plusDays(1)) {
            log(allDone, d.toString(), "DONE", null);
            log(withSkip, d.toString(), d.getDayOfMonth() == 20 ? "SKIPPED" : "DONE", null);
            log(doneThenMissed, d.toString(), d.getDayOfMonth() <= 20 ? "DONE" : "MISSED", null);
        }
        refresh(m);

        // nine days met from 0 (today open): 1 - m^9; a skipped day holds: 1 - m^8;
        // five met then four missed: m^4 (1 - m^5)
        assertThat(strength(allDone)).isCloseTo(1 - Math.pow(M_DAILY, 9), within(0.0001));
        assertThat(strength(withSkip)).isCloseTo(1 - Math.pow(M_DAILY, 8), within(0.0001));
        assertThat(strength(doneThenMissed))
                .isCloseTo(Math.pow(M_DAILY, 4) * (1 - Math.pow(M_DAILY, 5)), within(0.0001));
    }

    @Test
    void aScoredDaysValueSeesItsWholePeriodEvenBeforeTheWindow() throws SQLException {
        // every 14 days from 2026-08-03; one success, 2026-08-17 (today - 100), before the 90 scored days
        var m = member("UTC");
        var fortnightly = habit(m, "EVERY_N_DAYS", null, null, 14, "2026-08-03", null, null);
        log(fortnightly, "2026-08-17", "DONE", null);
        refresh(m);

        // its period (14 days) covers the first three scored days (today - 89 .. - 87): value 1 each, followed by
        // 88, 87 and 86 counted days (today open); m = 0.5^(sqrt(1/14) / 13)
        double mm = Math.pow(0.5, Math.sqrt(1 / 14.0) / 13);
        assertThat(strength(fortnightly))
                .isCloseTo((1 - mm) * (Math.pow(mm, 88) + Math.pow(mm, 87) + Math.pow(mm, 86)), within(0.0001));
    }

    @Test
    void refreshingSomeMembersLeavesTheOthersAndOnlyActiveGoalsCount() throws SQLException {
        var a = member("UTC");
        var b = member("UTC");
        var ha = habit(a, "DAILY", null, null, null, "2026-11-20", null, null);
        var hb = habit(b, "DAILY", null, null, null, "2026-11-20", null, null);
        log(ha, "2026-11-24", "DONE", null);
        log(hb, "2026-11-24", "DONE", null);
        engine().refresh(c, NOW, null);
        log(hb, "2026-11-23", "DONE", null);
        engine().refresh(c, NOW, List.of(a));
        // b not recomputed: still the old figure (20..24 owed, today open; one met)
        assertThat(due(hb, 7)).isEqualByComparingTo("5");
        assertThat(adherence(hb, 7)).isEqualByComparingTo("0.2000");

        exec("update dim_goals set status = 'PAUSED' where member_id = '" + a + "'");
        engine().refresh(c, NOW, List.of(a, b));
        assertThat(count("select count(*) from metrics_adherence where member_id = '" + a + "'"))
                .isZero();
        assertThat(adherence(hb, 7)).isEqualByComparingTo("0.4000");
    }

    @Test
    void refreshesOfTheSameMembersAtOnceTakeTurnsInsteadOfFailing() throws Exception {
        var a = member("UTC");
        var b = member("Europe/Berlin");
        log(habit(a, "DAILY", null, null, null, "2026-11-20", null, null), "2026-11-24", "DONE", null);
        var hb = habit(b, "DAILY", null, null, null, "2026-11-20", null, null);
        log(hb, "2026-11-24", "DONE", null);
        // a batch notice, the rollover and an admin's full refresh, on two connections at once, again and again
        var failures = new ConcurrentLinkedQueue<Throwable>();
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 2; t++) {
            boolean everyone = t == 1;
            threads.add(new Thread(() -> {
                try (var own = PostgresResource.server().connect(db)) {
                    for (int i = 0; i < 8; i++) {
                        engine().refresh(own, NOW, everyone && i % 2 == 0 ? null : List.of(a, b));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (var t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(adherence(hb, 7)).isEqualByComparingTo("0.2000");
    }

    @Test
    void anErasedMembersMetricsGoWithTheNextRefreshOfThemOrOfEveryone() throws SQLException {
        var a = member("UTC");
        var b = member("UTC");
        log(habit(a, "DAILY", null, null, null, "2026-11-20", null, null), "2026-11-24", "DONE", null);
        log(habit(b, "DAILY", null, null, null, "2026-11-20", null, null), "2026-11-24", "DONE", null);
        engine().refresh(c, NOW, null);
        String[] tables = {
            "metrics_adherence",
            "metrics_streak",
            "metrics_habit_strength",
            "metrics_risk",
            "metrics_series",
            "metrics_risk_level",
            "analytics_outbox"
        };
        for (var t : tables) {
            assertThat(count("select count(*) from " + t + " where member_id in ('" + a + "', '" + b + "')"))
                    .as(t)
                    .isGreaterThanOrEqualTo(2);
        }
        // what the loader does on member.erased: the member and everything of theirs leave the warehouse
        for (var m : List.of(a, b)) {
            for (var t : List.of("fact_checkins", "dim_habits", "dim_goals", "dim_members")) {
                exec("delete from " + t + " where member_id = '" + m + "'");
            }
        }
        engine().refresh(c, NOW, List.of(a)); // the batch notice names the erased member
        for (var t : tables) {
            assertThat(count("select count(*) from " + t + " where member_id = '" + a + "'"))
                    .as(t + ", at once")
                    .isZero();
        }
        engine().refresh(c, NOW.plusSeconds(60), null); // b: gone by the next full refresh
        for (var t : tables) {
            assertThat(count("select count(*) from " + t + " where member_id in ('" + a + "', '" + b + "')"))
                    .as(t)
                    .isZero();
        }
    }

    @Test
    void theDailySeriesCountsOwedMetAndSkippedPerMemberDay() throws SQLException {
        var m = member("UTC");
        var daily = habit(m, "DAILY", null, null, null, "2026-11-22", null, null);
        var weekly = habit(m, "TIMES_PER_WEEK", null, 2, null, "2026-11-22", null, null);
        log(daily, "2026-11-22", "DONE", null);
        log(daily, "2026-11-23", "SKIPPED", null);
        log(weekly, "2026-11-23", "DONE", null);
        log(weekly, "2026-11-24", "MISSED", null); // a weekly miss owes nothing on its day
        refresh(m);

        // 22: 1 owed 1 met; 23: daily skipped, weekly met -> 1 owed 1 met 1 skipped; 24: daily absent -> 1 owed;
        // 25 (today, open): nothing owed
        assertThat(series(m))
                .containsExactly("2026-11-22 1/1 0", "2026-11-23 1/1 1", "2026-11-24 1/0 0", "2026-11-25 0/0 0");
    }

    private List<String> series(UUID member) throws SQLException {
        var rows = new ArrayList<String>();
        try (var s = c.createStatement();
                var rs = s.executeQuery("select first_day + i - 1, owed[i], met[i], skipped[i] from metrics_series,"
                        + " generate_subscripts(owed, 1) i where member_id = '" + member + "' order by i")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getInt(2) + "/" + rs.getInt(3) + " " + rs.getInt(4));
            }
        }
        return rows;
    }
}
