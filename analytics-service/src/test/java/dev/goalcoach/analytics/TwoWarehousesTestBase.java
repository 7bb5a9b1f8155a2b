package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.analytics.metrics.DayStep;
import dev.goalcoach.analytics.metrics.Recompute;
import dev.goalcoach.testkit.PostgresResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two warehouses with the same random histories (all four schedule types, measurable habits both ways, skips,
 * corrections, members in four time zones, habits starting on the way): one where a step runs, one recomputed
 * whole; every metric table compared row by row.
 */
abstract class TwoWarehousesTestBase extends WarehouseTestBase {

    static final String[] ZONES = {"UTC", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"};
    static final String[] DAYS = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
    static final int[] EVERY_N = {2, 3, 5, 9, 14, 75};

    private String recomputedDb;
    Connection recomputed;

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
    void both(String sql) throws SQLException {
        exec(sql);
        try (var s = recomputed.createStatement()) {
            s.execute(sql);
        }
    }

    final Facts twice = new Facts(this::both);

    /** A habit, and the day its member stops logging it (misses in a row, no good day left in the 90, quiet). */
    record Habit(UUID id, UUID member, String zone, LocalDate start, boolean measurable, LocalDate quit) {}

    /**
     * Ten members in four zones with 2-5 random habits each ({@code lastWithout}: the last one with none), their
     * history up to each member's yesterday (a correction now and then), in both warehouses and recomputed in both
     * as of {@code now}: the same on every row.
     */
    void history(Random random, List<UUID> members, List<Habit> habits, Instant now, boolean lastWithout)
            throws SQLException {
        for (int i = 0; i < 10; i++) {
            String zone = ZONES[i % ZONES.length];
            UUID member = twice.member(zone, null, null);
            members.add(member);
            LocalDate today = LocalDate.ofInstant(now, ZoneId.of(zone));
            int count = lastWithout && i == 9 ? 0 : 2 + random.nextInt(4);
            for (int h = 0; h < count; h++) {
                habits.add(randomHabit(random, member, zone, today));
            }
        }
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
    }

    Habit randomHabit(Random random, UUID member, String zone, LocalDate today) throws SQLException {
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
    boolean checkins(Random random, Habit h, LocalDate day, List<String> rows) {
        return checkins(
                random,
                h,
                day,
                rows,
                "timestamptz '2026-01-01T00:00:00Z' + interval '" + day.toEpochDay() % 1000 + " seconds'");
    }

    /** As above, recorded at {@code recordedAt} (an expression; each version a minute later). */
    boolean checkins(Random random, Habit h, LocalDate day, List<String> rows, String recordedAt) {
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
                    + ", " + recordedAt + " + interval '" + v + " minutes', " + v + ")");
        }
        return true;
    }

    /**
     * As the service's rollover does every minute: members past their midnight are stepped by a day, and those the
     * day's step leaves out are recomputed by {@code engine}.
     */
    void rollOver(Instant now, Recompute engine) throws SQLException {
        var behind = new ArrayList<UUID>();
        try (var s = c.prepareStatement("select m.member_id from dim_members m left join metrics_streak s on"
                + " s.member_id = m.member_id and s.scope = 'member' where s.as_of is distinct from"
                + " cast(? at time zone m.timezone as date)")) {
            s.setTimestamp(1, java.sql.Timestamp.from(now));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    behind.add(rs.getObject(1, UUID.class));
                }
            }
        }
        var rest = new ArrayList<>(behind);
        rest.removeAll(new DayStep().step(c, now, behind));
        engine.refresh(c, now, rest);
    }

    /** A later version of one of {@code day}'s check-ins of {@code h} (if any): another status and value. */
    void correct(Random random, Habit h, LocalDate day) throws SQLException {
        String[] statuses = {"DONE", "MISSED", "SKIPPED"};
        String value = h.measurable() ? String.valueOf(random.nextInt(8)) : "null";
        both("update fact_checkins set status = '" + statuses[random.nextInt(3)] + "', value = " + value
                + ", version = version + 1 where checkin_id = (select checkin_id from fact_checkins where habit_id = '"
                + h.id() + "' and local_date = '" + day + "' order by recorded_at desc, version desc limit 1)");
    }

    void insert(List<String> rows) throws SQLException {
        if (!rows.isEmpty()) {
            both("insert into fact_checkins (checkin_id, member_id, goal_id, habit_id, local_date, status, value,"
                    + " recorded_at, version) values " + String.join(", ", rows));
        }
    }

    /** Every metric table, row by row, the same in the stepped warehouse as in the recomputed one. */
    void assertSame(Instant now) throws SQLException {
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
