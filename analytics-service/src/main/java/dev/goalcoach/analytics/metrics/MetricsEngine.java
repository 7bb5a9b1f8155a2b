package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Dialect;
import dev.goalcoach.warehouse.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Computes the metrics in the warehouse with set-based SQL, for some members or all, as of an instant: each
 * member's "today" is their own local date then. One transaction: the members' old rows go, the new ones come.
 * The SQL is written once and spelled by the warehouse's {@link Dialect} where PostgreSQL (run in every test) and
 * Snowflake (golden file, driver run against a stub) differ. Definitions (docs/ARCHITECTURE.md, analytics) are
 * pinned by {@code MetricsTest}.
 */
public final class MetricsEngine implements Recompute {

    /** Every table a refresh replaces the members' rows of. */
    private static final String[] TABLES = {
        "metrics_adherence",
        "metrics_streak",
        "metrics_habit_strength",
        "metrics_habit_state",
        "metrics_habit_checkpoint",
        "metrics_risk",
        "metrics_series"
    };

    /** The risk levels announced and the changes not yet published, per member. */
    private static final String[] ANNOUNCED = {"metrics_risk_level", "analytics_outbox"};

    /** Every table with rows per member that an erased member's go from. */
    private static final String[] ABSENT = {
        "metrics_adherence",
        "metrics_streak",
        "metrics_habit_strength",
        "metrics_habit_state",
        "metrics_risk",
        "metrics_series",
        "metrics_risk_level",
        "analytics_outbox"
    };

    /** The step that writes the risk levels that changed to the outbox (its row count is what refresh returns). */
    private static final String RISK_CHANGES = "risk_changes";

    /** Members are locked in this many buckets: a refresh takes at most this many locks. */
    public static final int BUCKETS = 256;

    private static final Logger LOG = Logger.getLogger(MetricsEngine.class);

    private final Dialect sql;

    /** The habit-day grid and its work tables, which every metric reads. */
    private final HabitDays days;

    /** The metric statements, by name, in the order they run (later ones read earlier ones' rows). */
    private final Map<String, String> metrics = new LinkedHashMap<>();

    public MetricsEngine(Dialect sql) {
        this.sql = sql;
        this.days = new HabitDays(sql);
        var streaks = new StreakSql(sql, days);
        metrics.put("adherence", new AdherenceSql(sql, days).statement());
        metrics.put("streaks", streaks.statement());
        metrics.put("member_streaks", streaks.memberStreaks("refresh_scope"));
        metrics.put("strength", new StrengthSql(sql).statement());
        metrics.put("strength_shown", String.format(StrengthSql.FROM_STATE, "refresh_scope"));
        metrics.put("risk", new RiskSql(sql).statement());
        metrics.put("series", new SeriesSql(sql).statement());
    }

    /** The bucket of a member column, as the refresh locks them (for callers that split work by bucket). */
    public String bucketOf(String column) {
        return sql.bucketOf(column, BUCKETS);
    }

    /** How a step's statement is run: bound to nothing, to the instant and the member ids, or to the ids. */
    private enum Binds {
        NONE,
        INSTANT_AND_IDS,
        IDS,
        QUERY
    }

    /** One statement of a refresh; {@code name} is logged with its time when not null. */
    private record Step(String name, String statement, Binds binds) {}

    /** Every step of a refresh of some members ({@code everyone}: of all), in order. */
    private List<Step> steps(boolean everyone) {
        var out = new ArrayList<Step>();
        days.workTables().forEach((name, columns) -> {
            out.add(new Step(null, sql.createWorkTable(name, columns), Binds.NONE));
            if (!sql.emptiesStagingAtCommit()) {
                out.add(new Step(null, "delete from " + name, Binds.NONE));
            }
        });
        out.add(new Step(null, days.fillScope(everyone), Binds.INSTANT_AND_IDS));
        out.add(new Step(null, sql.analyze("refresh_scope"), Binds.NONE));
        if (sql.bucketLocks() != null) {
            String buckets = "select distinct " + bucketOf("member_id") + " as b from refresh_scope order by b";
            out.add(new Step(null, String.format(sql.bucketLocks(), buckets), Binds.QUERY));
        }
        out.add(new Step("habits", HabitDays.FILL_HABITS, Binds.NONE));
        out.add(new Step(null, sql.analyze("refresh_habits"), Binds.NONE));
        out.add(new Step("checkins", days.fillCheckins(), Binds.NONE));
        out.add(new Step(null, sql.analyze("refresh_checkins"), Binds.NONE));
        out.add(new Step("fill", days.fillDays(), Binds.NONE));
        // the planner must know how few (or how many) members and habit-days this refresh is about
        out.add(new Step(null, sql.analyze("refresh_days"), Binds.NONE));
        clearing(everyone).forEach(s -> out.add(new Step(null, s, everyone ? Binds.NONE : Binds.IDS)));
        metrics.forEach((name, statement) -> out.add(new Step(name, statement, Binds.NONE)));
        var changes = RiskChangeSql.statements("refresh_scope");
        out.add(new Step(RISK_CHANGES, changes.get(0), Binds.NONE));
        changes.subList(1, changes.size()).forEach(s -> out.add(new Step(null, s, Binds.NONE)));
        out.removeIf(step -> step.statement() == null);
        return out;
    }

    /**
     * What goes before the members' new rows come: the rows of everyone asked about, also of a member no longer in
     * dim_members (erased); and an erased member asked about (the batch notice of their erasure names them;
     * everyone: all of them) also loses the level last announced and any change not yet published: no alert may
     * follow an erasure. Bound to the members' ids (a list, as {@link Dialect#inIdListParameter}) unless {@code
     * everyone}.
     */
    List<String> clearing(boolean everyone) {
        var out = new ArrayList<String>();
        for (String table : TABLES) {
            out.add(
                    everyone
                            ? "delete from " + table
                            : "delete from " + table + " where " + sql.inIdListParameter("member_id"));
        }
        for (String table : ANNOUNCED) {
            String absent = "not exists (select 1 from dim_members m where m.member_id = " + table + ".member_id)";
            out.add(
                    everyone
                            ? "delete from " + table + " where " + absent
                            : "delete from " + table + " where " + sql.inIdListParameter("member_id") + " and "
                                    + absent);
        }
        return out;
    }

    /**
     * Every statement of a refresh of some members ({@code everyone}: of all), in the order it sends them: what the
     * golden files hold.
     */
    public List<String> statements(boolean everyone) {
        return steps(everyone).stream().map(Step::statement).toList();
    }

    /**
     * Drops the metrics (and risk levels, announced or not yet) of members no longer in the warehouse (erased): what a
     * full refresh in shards leaves.
     */
    public static void forgetAbsentMembers(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            for (String table : ABSENT) {
                s.executeUpdate("delete from " + table + " where not exists (select 1 from dim_members m"
                        + " where m.member_id = " + table + ".member_id)");
            }
        }
    }

    /**
     * Recomputes {@code members} (null: everyone) as of {@code asOf}, in one transaction on {@code c}; returns how
     * many risk level changes it wrote to the outbox ({@link RiskChangeSql}) for publishing after the commit.
     *
     * <p>Two refreshes of the same member (a batch notice, the rollover, an admin, on any replica) would both
     * delete the member's rows and both insert: the second insert would fail on (PostgreSQL) or duplicate
     * (Snowflake: keys are not enforced) the first's rows. On PostgreSQL a refresh takes, for the rest of its
     * transaction, the advisory locks of its members' buckets, in ascending order (no deadlock): refreshes of the
     * same members take turns, others run side by side. Snowflake serializes the deletes of one table itself.
     */
    @Override
    public int refresh(Connection c, Instant asOf, Collection<UUID> members) throws SQLException {
        boolean everyone = members == null;
        String ids = everyone ? null : members.stream().map(UUID::toString).collect(Collectors.joining(","));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        int changes = 0;
        try (var s = c.createStatement()) {
            for (Step step : steps(everyone)) {
                long start = System.nanoTime();
                int rows = switch (step.binds()) {
                    case NONE -> s.executeUpdate(step.statement());
                    case QUERY -> {
                        s.executeQuery(step.statement()).close();
                        yield 0;
                    }
                    case INSTANT_AND_IDS, IDS -> {
                        try (var ps = c.prepareStatement(step.statement())) {
                            int i = 1;
                            if (step.binds() == Binds.INSTANT_AND_IDS) {
                                sql.bind(ps, i++, Table.Type.TIMESTAMP, asOf);
                            }
                            if (!everyone) {
                                sql.bind(ps, i, Table.Type.TEXT, ids);
                            }
                            yield ps.executeUpdate();
                        }
                    }
                };
                if (RISK_CHANGES.equals(step.name())) {
                    changes = rows;
                }
                // at DEBUG, how long each costly step took (what bench/ reads to find the costly one)
                if (LOG.isDebugEnabled()) {
                    String name = step.name() != null
                            ? step.name()
                            : step.statement()
                                    .substring(0, Math.min(40, step.statement().length()));
                    LOG.debugf("refresh step %s: %d rows in %d us", name, rows, (System.nanoTime() - start) / 1_000);
                }
            }
            c.commit();
            return changes;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
