package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.analytics.metrics.DayStep;
import dev.goalcoach.testkit.PostgresResource;
import java.sql.Connection;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
class DayStepTest extends WarehouseTestBase {

    private static final String[] ZONES = {"UTC", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"};
    private static final String[] DAYS = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
    private static final int[] EVERY_N = {2, 3, 5, 9, 14, 75};

    private final DayStep step = new DayStep();

    private String recomputedDb;
    private Connection recomputed;

    @BeforeEach
    void secondWarehouse() throws SQLException {
        recomputedDb = db + "_r";
        recomputed = migrated(recomputedDb);
    }

    @AfterEach
    void dropSecond() throws SQLException {
        recomputed.close();
        PostgresResource.server().dropDatabase(recomputedDb);
    }

    /** Runs a statement in both warehouses. */
    private void both(String sql) throws SQLException {
        exec(sql);
        try (var s = recomputed.createStatement()) {
            s.execute(sql);
        }
    }

    private final Facts twice = new Facts(this::both);

    /** A habit, and the day its member stops logging it (misses in a row, no good day left in the 90, quiet). */
    private record Habit(UUID id, UUID member, String zone, LocalDate start, boolean measurable, LocalDate quit) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aStepIsTheRecomputationDayAfterDay(long seed) throws SQLException {
        var random = new Random(seed);
        var members = new ArrayList<UUID>();
        var habits = new ArrayList<Habit>();
        Instant now = NOW;
        for (int i = 0; i < 10; i++) {
            String zone = ZONES[i % ZONES.length];
            UUID member = twice.member(zone, null, null);
            members.add(member);
            LocalDate today = LocalDate.ofInstant(now, ZoneId.of(zone));
            int count = i == 9 ? 0 : 2 + random.nextInt(4); // the last member has no habit at all
            for (int h = 0; h < count; h++) {
                habits.add(randomHabit(random, member, zone, today));
            }
        }
        // the history up to each member's yesterday, a correction now and then
        var rows = new ArrayList<String>();
        for (Habit h : habits) {
            LocalDate today = LocalDate.ofInstant(now, ZoneId.of(h.zone()));
            for (var d = h.start().minusDays(3); d.isBefore(today); d = d.plusDays(1)) {
                checkins(random, h, d, rows);
            }
        }
        insert(rows);
        ENGINE.refresh(c, now, members);
        ENGINE.refresh(recomputed, now, members);
        assertSame(now);

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

    private Habit randomHabit(Random random, UUID member, String zone, LocalDate today) throws SQLException {
        LocalDate start = today.minusDays(random.nextInt(160) - 12);
        boolean measurable = random.nextInt(4) == 0;
        String target = measurable ? String.valueOf(1 + random.nextInt(5)) : null;
        String direction = measurable ? (random.nextBoolean() ? "AT_MOST" : "AT_LEAST") : null;
        UUID id = switch (random.nextInt(4)) {
            case 0 -> twice.habit(member, "DAILY", null, null, null, start.toString(), target, direction);
            case 1 -> {
                var days = new ArrayList<String>();
                for (String d : DAYS) {
                    if (random.nextInt(3) == 0) {
                        days.add(d);
                    }
                }
                if (days.isEmpty()) {
                    days.add(DAYS[random.nextInt(7)]);
                }
                yield twice.habit(
                        member, "WEEKDAYS", String.join(",", days), null, null, start.toString(), target, direction);
            }
            case 2 ->
                twice.habit(
                        member,
                        "TIMES_PER_WEEK",
                        null,
                        1 + random.nextInt(7),
                        null,
                        start.toString(),
                        target,
                        direction);
            default ->
                twice.habit(
                        member,
                        "EVERY_N_DAYS",
                        null,
                        null,
                        EVERY_N[random.nextInt(EVERY_N.length)],
                        start.toString(),
                        target,
                        direction);
        };
        LocalDate quit = random.nextInt(3) == 0 ? today.plusDays(random.nextInt(140) - 100) : LocalDate.MAX;
        return new Habit(id, member, zone, start, measurable, quit);
    }

    /** A day's check-in (or none; now and then corrected by a later one), as loader rows; whether any. */
    private boolean checkins(Random random, Habit h, LocalDate day, List<String> rows) {
        // habits go through good and bad spells, so that streaks, misses in a row and falling strength all occur
        int spell = (int) Math.floorMod(day.toEpochDay() / 9 + h.id().hashCode(), 3);
        int r = random.nextInt(100);
        int done = spell == 0 ? 85 : spell == 1 ? 50 : 10;
        String status = r < done ? "DONE" : r < done + 8 ? "SKIPPED" : r < done + 30 ? "MISSED" : null;
        if (!day.isBefore(h.quit())) {
            status = r < 25 ? "MISSED" : null; // quit: now and then a miss logged, else nothing
        }
        if (status == null) {
            return false;
        }
        int versions = random.nextInt(10) == 0 ? 2 : 1;
        for (int v = 1; v <= versions; v++) {
            String value = h.measurable() ? String.valueOf(random.nextInt(8)) : "null";
            String s = v < versions ? (random.nextBoolean() ? "MISSED" : "DONE") : status;
            rows.add("('" + UUID.randomUUID() + "', '" + h.member() + "', (select goal_id from dim_habits where"
                    + " habit_id = '" + h.id() + "'), '" + h.id() + "', '" + day + "', '" + s + "', " + value
                    + ", timestamptz '2026-01-01T00:00:00Z' + interval '" + v + " minutes' + interval '"
                    + day.toEpochDay() % 1000 + " seconds', " + v + ")");
        }
        return true;
    }

    private void insert(List<String> rows) throws SQLException {
        if (!rows.isEmpty()) {
            both("insert into fact_checkins (checkin_id, member_id, goal_id, habit_id, local_date, status, value,"
                    + " recorded_at, version) values " + String.join(", ", rows));
        }
    }

    /** Every metric table, row by row, the same in the stepped warehouse as in the recomputed one. */
    private void assertSame(Instant now) throws SQLException {
        for (String query : METRIC_TABLES) {
            assertThat(rows(c, query)).as(now + ": " + query).containsExactlyElementsOf(rows(recomputed, query));
        }
    }

    private static List<String> rows(Connection c, String query) throws SQLException {
        var out = new ArrayList<String>();
        try (var s = c.createStatement();
                var rs = s.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
