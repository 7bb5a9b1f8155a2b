package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.analytics.metrics.MetricsEngine;
import dev.goalcoach.analytics.metrics.MetricsSchema;
import dev.goalcoach.analytics.metrics.Recompute;
import dev.goalcoach.testkit.PostgresResource;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.warehouse.Migrations;
import dev.goalcoach.warehouse.PostgresDialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * A fresh warehouse (the star schema and the metrics tables) per test, filled by hand, and what the engine wrote.
 * Tagged {@code warehouse}: these run two at a time in a surefire execution of their own (pom.xml).
 */
@Tag("warehouse")
abstract class WarehouseTestBase {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** The engine on PostgreSQL, as the service runs it. */
    static final MetricsEngine ENGINE = new MetricsEngine(new PostgresDialect());

    static final double M_DAILY = Math.pow(0.5, 1 / 13.0);

    String db;
    Connection c;

    @BeforeEach
    void warehouse() throws SQLException {
        db = "gc_metrics_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        c = migrated(db);
    }

    /** A connection (autocommit) to database {@code name}, created if need be, with the warehouse's tables. */
    static Connection migrated(String name) throws SQLException {
        PostgresResource.server().ensureDatabase(name);
        Connection connection = PostgresResource.server().connect(name);
        connection.setAutoCommit(false);
        var dialect = new PostgresDialect();
        Migrations.apply(connection, dialect, "sync_schema", Migrations.warehouse(dialect));
        Migrations.apply(connection, dialect, MetricsSchema.VERSION_TABLE, MetricsSchema.versions(dialect));
        connection.setAutoCommit(true);
        return connection;
    }

    /** Every metric table's rows, in key order, as the step and the recomputation are compared by. */
    static final String[] METRIC_TABLES = {
        "select member_id, scope, scope_id, window_days, done, due, adherence, as_of from metrics_adherence"
                + " order by 1, 2, 3, 4",
        "select member_id, scope, scope_id, unit, current_streak, longest_streak, as_of, base_current,"
                + " base_longest, run_before from metrics_streak order by 1, 2, 3",
        "select member_id, habit_id, strength, strength_week_ago, as_of from metrics_habit_strength order by 1, 2",
        "select member_id, habit_id, as_of, round(cast(strength as numeric), 9), round(cast(strength_then as"
                + " numeric), 9), valued, valued_then, misses, last_good, round(cast(base_strength as numeric), 9),"
                + " base_valued, base_misses, base_last_good, today_status, today_success from metrics_habit_state"
                + " order by 1, 2",
        "select member_id, score, level, reasons, as_of from metrics_risk order by 1",
        "select member_id, first_day, owed, met, skipped from metrics_series order by 1",
        // the level last announced (when it changed differs: a day's refresh may have moved it before the step)
        "select member_id, level from metrics_risk_level order by 1"
    };

    @AfterEach
    void drop() throws SQLException {
        c.close();
        PostgresResource.server().dropDatabase(db);
    }

    // --- a small warehouse, by hand ---

    final Facts facts = new Facts(this::exec);

    UUID member(String zone) throws SQLException {
        return facts.member(zone, null, null);
    }

    UUID habit(
            UUID member,
            String schedule,
            String days,
            Integer perWeek,
            Integer everyN,
            String start,
            String target,
            String direction)
            throws SQLException {
        return facts.habit(member, schedule, days, perWeek, everyN, start, target, direction);
    }

    void log(UUID habit, String day, String status, String value) throws SQLException {
        facts.log(habit, day, status, value);
    }

    void retract(UUID habit, String day) throws SQLException {
        facts.retract(habit, day);
    }

    /** The recomputation the test runs (the statements; a subclass may run the streamed one). */
    Recompute engine() {
        return ENGINE;
    }

    void refresh(UUID member) throws SQLException {
        engine().refresh(c, NOW, List.of(member));
    }

    BigDecimal adherence(UUID habit, int window) throws SQLException {
        return decimal("select adherence from metrics_adherence where scope = 'habit' and scope_id = '" + habit
                + "' and window_days = " + window);
    }

    BigDecimal due(UUID habit, int window) throws SQLException {
        return decimal("select due from metrics_adherence where scope = 'habit' and scope_id = '" + habit
                + "' and window_days = " + window);
    }

    BigDecimal memberAdherence(UUID member, int window) throws SQLException {
        return decimal("select adherence from metrics_adherence where scope = 'member' and scope_id = '" + member
                + "' and window_days = " + window);
    }

    List<Integer> streak(UUID habit) throws SQLException {
        return ints("select current_streak, longest_streak from metrics_streak where scope = 'habit' and scope_id = '"
                + habit + "'");
    }

    List<Integer> memberStreak(UUID member) throws SQLException {
        return ints("select current_streak, longest_streak from metrics_streak where scope = 'member' and scope_id = '"
                + member + "'");
    }

    double strength(UUID habit) throws SQLException {
        return decimal("select strength from metrics_habit_strength where habit_id = '" + habit + "'")
                .doubleValue();
    }

    LocalDate asOf(UUID member) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery(
                        "select as_of from metrics_streak where scope = 'member' and member_id = '" + member + "'")) {
            assertThat(rs.next()).as("a streak row for " + member).isTrue();
            return rs.getObject(1, LocalDate.class);
        }
    }

    BigDecimal decimal(String sql) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getBigDecimal(1);
        }
    }

    List<Integer> ints(String sql) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return List.of(rs.getInt(1), rs.getInt(2));
        }
    }

    long count(String sql) throws SQLException {
        return Rows.count(c, sql);
    }

    void exec(String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
