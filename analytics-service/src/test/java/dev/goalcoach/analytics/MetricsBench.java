package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.analytics.metrics.CheckinStep;
import dev.goalcoach.analytics.metrics.DayStep;
import dev.goalcoach.analytics.metrics.MemberSlices;
import dev.goalcoach.analytics.metrics.MetricsSchema;
import dev.goalcoach.analytics.metrics.StreamedEngine;
import dev.goalcoach.testkit.PostgresResource;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.warehouse.Migrations;
import dev.goalcoach.warehouse.PostgresDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * bench/analytics-rollover.sh: the metrics of the bench history (bench/analytics-history.sql, 10,000 members × 3
 * habits × 90 days) in the test kit's PostgreSQL (embedded, or {@code GOALCOACH_TEST_PG_URL}): everyone recomputed
 * as of yesterday (the full refresh, timed), then everyone stepped to today (the rollover, timed); one member's
 * refresh (what a batch notice triggers, timed); then everyone recomputed as of today and compared, table by
 * table, with what the step wrote. Not a test of the build (its name is not one surefire runs unless asked:
 * {@code -Dtest=MetricsBench}).
 */
class MetricsBench {

    private static final String DB = "bench_rollover";

    @Test
    void rollover() throws Exception {
        int members = Integer.getInteger("bench.members", 10_000);
        int slices = Integer.getInteger("bench.slices", 2); // as GOALCOACH_ANALYTICS_REFRESH_SHARDS
        stepLog();
        var pg = PostgresResource.server();
        try (Connection c = warehouse(DB, members)) {
            var everyone = everyone(c);
            // no check-in is dated today (the history ends yesterday), so everyone can be stepped; the real now,
            // because analytics-history.sql dates the history by the database's current_date
            Instant now = Instant.now();
            Instant yesterday = now.minus(Duration.ofDays(1));
            for (int run = 1; run <= Integer.getInteger("bench.runs", 3); run++) {
                long t = System.nanoTime();
                WarehouseTestBase.ENGINE.refresh(c, yesterday, null);
                long full = ms(t);
                t = System.nanoTime();
                var step = new DayStep();
                List<UUID> stepped = MemberSlices.run(
                        () -> pg.connect(DB), everyone, slices, (connection, ids) -> step.step(connection, now, ids));
                long stepMs = ms(t);
                System.out.printf(
                        "run %d: full refresh as of yesterday %d ms (one connection); rollover to today: %d of %d"
                                + " members stepped in %d ms (%d slices)%n",
                        run, full, stepped.size(), everyone.size(), stepMs, slices);
                assertThat(stepped).hasSize(everyone.size());
            }
            // one member's refresh (what a batch notice triggers): 40 random members, the last 30 counted, once
            // the rows the refreshes above replaced are vacuumed (as autovacuum would soon do)
            exec(c, "vacuum analyze");
            var times = new ArrayList<Long>();
            try (var s = c.createStatement();
                    var rs = s.executeQuery("select member_id from dim_members order by random() limit 40")) {
                var sample = new ArrayList<UUID>();
                while (rs.next()) {
                    sample.add(rs.getObject(1, UUID.class));
                }
                for (UUID member : sample) {
                    long t = System.nanoTime();
                    WarehouseTestBase.ENGINE.refresh(c, now, List.of(member));
                    times.add((System.nanoTime() - t) / 1_000);
                }
            }
            var counted = new ArrayList<>(times.subList(10, times.size()));
            Collections.sort(counted);
            System.out.printf(
                    "one member's refresh: p50 %.1f ms, max %.1f ms (%d members after 10 warm-ups)%n",
                    counted.get(counted.size() / 2) / 1000.0, counted.get(counted.size() - 1) / 1000.0, counted.size());
            if (!Boolean.parseBoolean(System.getProperty("bench.compare", "true"))) {
                return;
            }
            // what the step wrote is what a recomputation as of today writes
            var steppedRows = snapshot(c);
            long t = System.nanoTime();
            WarehouseTestBase.ENGINE.refresh(c, now, null);
            System.out.printf("full refresh as of today %d ms%n", ms(t));
            var recomputedRows = snapshot(c);
            for (int i = 0; i < steppedRows.size(); i++) {
                assertThat(steppedRows.get(i))
                        .as(WarehouseTestBase.METRIC_TABLES[i])
                        .isEqualTo(recomputedRows.get(i));
            }
            System.out.println("the step and the recomputation agree on every row of every metric table");
        }
    }

    /**
     * The full recomputation, streamed ({@link StreamedEngine}, what the service runs on PostgreSQL) against the
     * statements ({@code MetricsEngine}), both in {@code bench.slices} member slices on as many connections as the
     * service runs them: everyone of the bench history (bench.members, 10,000) as of now, {@code bench.runs} times
     * each, alternating; then one member's refresh with each (30 random members after 10 warm-ups, alternating); then
     * the two full recomputations' rows compared, table by table.
     */
    @Test
    void recompute() throws Exception {
        int members = Integer.getInteger("bench.members", 10_000);
        int slices = Integer.getInteger("bench.slices", 2);
        boolean statements = Boolean.parseBoolean(System.getProperty("bench.statements", "true"));
        stepLog();
        var pg = PostgresResource.server();
        var streamed = new StreamedEngine();
        try (Connection c = warehouse(DB, members)) {
            var everyone = everyone(c);
            Instant now = Instant.now();
            List<String> byStatements = null;
            for (int run = 1; run <= Integer.getInteger("bench.runs", 3); run++) {
                long t = System.nanoTime();
                MemberSlices.run(() -> pg.connect(DB), everyone, slices, (connection, ids) -> {
                    streamed.refresh(connection, now, ids);
                    return ids;
                });
                System.out.printf("run %d: full recomputation streamed: %d ms (%d slices)%n", run, ms(t), slices);
                if (statements) {
                    t = System.nanoTime();
                    MemberSlices.run(() -> pg.connect(DB), everyone, slices, (connection, ids) -> {
                        WarehouseTestBase.ENGINE.refresh(connection, now, ids);
                        return ids;
                    });
                    System.out.printf("run %d: full recomputation by statements: %d ms%n", run, ms(t));
                    byStatements = snapshot(c);
                }
            }
            exec(c, "vacuum analyze");
            var sample = new ArrayList<UUID>();
            try (var s = c.createStatement();
                    var rs = s.executeQuery("select member_id from dim_members order by random() limit 40")) {
                while (rs.next()) {
                    sample.add(rs.getObject(1, UUID.class));
                }
            }
            var streamedTimes = new ArrayList<Long>();
            var statementTimes = new ArrayList<Long>();
            for (UUID member : sample) {
                long t = System.nanoTime();
                streamed.refresh(c, now, List.of(member));
                streamedTimes.add((System.nanoTime() - t) / 1_000);
                t = System.nanoTime();
                WarehouseTestBase.ENGINE.refresh(c, now, List.of(member));
                statementTimes.add((System.nanoTime() - t) / 1_000);
            }
            System.out.printf(
                    "one member's refresh: streamed p50 %.1f ms, by statements p50 %.1f ms (30 after 10 warm-ups)%n",
                    median(streamedTimes) / 1000.0, median(statementTimes) / 1000.0);
            if (byStatements != null) {
                MemberSlices.run(() -> pg.connect(DB), everyone, slices, (connection, ids) -> {
                    streamed.refresh(connection, now, ids);
                    return ids;
                });
                var byStream = snapshot(c);
                for (int i = 0; i < byStream.size(); i++) {
                    assertThat(byStream.get(i))
                            .as(WarehouseTestBase.METRIC_TABLES[i])
                            .isEqualTo(byStatements.get(i));
                }
                System.out.println("the streamed and the statements' recomputations agree on every row");
            }
        }
    }

    /**
     * A check-in's step against a recomputation, for the members of one small batch: the bench history's members
     * (bench.members, 1,000 by default here) recomputed as of now; then, {@code bench.batches} times, today's
     * check-in of a random habit of {@code bench.batch} random members (2 by default: what a poll at 100/s holds;
     * {@code -Dbench.wholeMember=true}: of every habit of each)
     * logged, and those members stepped (timed) — and, as the baselines, recomputed (timed) in other rounds, by the
     * statements and streamed.
     */
    @Test
    void checkinStep() throws Exception {
        int members = Integer.getInteger("bench.members", 1_000);
        int batch = Integer.getInteger("bench.batch", 2);
        int batches = Integer.getInteger("bench.batches", 60);
        // every habit of each member in the batch logged, not one random habit of each
        boolean wholeMember = Boolean.getBoolean("bench.wholeMember");
        stepLog();
        try (Connection c = warehouse(DB + "_checkins", members)) {
            Instant now = Instant.now();
            WarehouseTestBase.ENGINE.refresh(c, now, null);
            exec(c, "vacuum analyze");
            if (Boolean.getBoolean("bench.explain")) {
                // the plans of statements over 2 ms, in the server's log (auto_explain: a server that has it)
                exec(c, "load 'auto_explain'");
                exec(c, "set auto_explain.log_min_duration = " + Integer.getInteger("bench.explainMs", 2));
                exec(c, "set auto_explain.log_analyze = on");
            }
            var step = new CheckinStep();
            var stepTimes = new ArrayList<Long>();
            var refreshTimes = new ArrayList<Long>();
            var streamedTimes = new ArrayList<Long>();
            var streamed = new StreamedEngine();
            int stepped = 0;
            for (int i = 0; i < 3 * batches; i++) {
                var picked = new java.util.LinkedHashMap<UUID, java.time.LocalDate>();
                try (var s = c.createStatement();
                        var rs = s.executeQuery("select h.member_id, h.habit_id, cast(? as date) from dim_habits h"
                                        .replace("?", "'" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "'")
                                + (wholeMember
                                        ? " where h.member_id in (select member_id from dim_members order by random()"
                                                + " limit " + batch + ")"
                                        : " order by random() limit " + batch))) {
                    var rows = new ArrayList<String>();
                    while (rs.next()) {
                        picked.put(rs.getObject(1, UUID.class), rs.getObject(3, java.time.LocalDate.class));
                        rows.add("('" + UUID.randomUUID() + "', '" + rs.getString(1) + "', (select goal_id from"
                                + " dim_habits where habit_id = '" + rs.getString(2) + "'), '" + rs.getString(2)
                                + "', '"
                                + rs.getString(3) + "', '" + (i % 3 == 0 ? "MISSED" : "DONE") + "', null, now(), 1)");
                    }
                    exec(
                            c,
                            "insert into fact_checkins (checkin_id, member_id, goal_id, habit_id, local_date, status,"
                                    + " value, recorded_at, version) values " + String.join(", ", rows));
                }
                long t = System.nanoTime();
                if (i % 3 == 0) {
                    stepped += step.step(c, now, picked).members().size();
                    stepTimes.add((System.nanoTime() - t) / 1_000);
                } else if (i % 3 == 1) {
                    WarehouseTestBase.ENGINE.refresh(c, now, picked.keySet());
                    refreshTimes.add((System.nanoTime() - t) / 1_000);
                } else {
                    streamed.refresh(c, now, picked.keySet());
                    streamedTimes.add((System.nanoTime() - t) / 1_000);
                }
            }
            System.out.printf(
                    "%d members; batches of %d: check-in step p50 %.1f ms (%d of %d members stepped),"
                            + " recomputation p50 %.1f ms by statements, %.1f ms streamed (%d batches each, the first 10"
                            + " not counted)%n",
                    members,
                    batch,
                    median(stepTimes) / 1000.0,
                    stepped,
                    batch * batches,
                    median(refreshTimes) / 1000.0,
                    median(streamedTimes) / 1000.0,
                    batches);
        }
    }

    /**
     * Back-dated check-ins: {@code bench.batches} times a batch of {@code bench.batch} random members each log one
     * habit's check-in of three days ago; the batch is replayed from the checkpoints, then (another batch) recomputed
     * streamed, alternating; p50 of each after the first 10 (bench/README.md).
     */
    @Test
    void replay() throws Exception {
        int members = Integer.getInteger("bench.members", 1_000);
        int batch = Integer.getInteger("bench.batch", 25);
        int batches = Integer.getInteger("bench.batches", 60);
        stepLog();
        try (Connection c = warehouse(DB + "_checkins", members)) {
            Instant now = Instant.now();
            var streamed = new StreamedEngine();
            streamed.refresh(c, now, null);
            exec(c, "vacuum analyze");
            var replayTimes = new ArrayList<Long>();
            var streamedTimes = new ArrayList<Long>();
            int replayed = 0;
            var day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3);
            for (int i = 0; i < 2 * batches; i++) {
                var picked = new java.util.LinkedHashMap<UUID, java.time.LocalDate>();
                try (var s = c.createStatement();
                        var rs = s.executeQuery("select distinct on (h.member_id) h.member_id, h.habit_id from"
                                + " dim_habits h where h.member_id in (select member_id from dim_members order by"
                                + " random() limit " + batch + ") order by h.member_id, random()")) {
                    var rows = new ArrayList<String>();
                    while (rs.next()) {
                        picked.put(rs.getObject(1, UUID.class), day);
                        rows.add("('" + UUID.randomUUID() + "', '" + rs.getString(1) + "', (select goal_id from"
                                + " dim_habits where habit_id = '" + rs.getString(2) + "'), '" + rs.getString(2)
                                + "', '" + day + "', '" + (i % 4 < 2 ? "MISSED" : "DONE") + "', null, now(), 1)");
                    }
                    exec(
                            c,
                            "insert into fact_checkins (checkin_id, member_id, goal_id, habit_id, local_date, status,"
                                    + " value, recorded_at, version) values " + String.join(", ", rows));
                }
                long t = System.nanoTime();
                if (i % 2 == 0) {
                    replayed += streamed.replay(c, now, picked).size();
                    replayTimes.add((System.nanoTime() - t) / 1_000);
                } else {
                    streamed.refresh(c, now, picked.keySet());
                    streamedTimes.add((System.nanoTime() - t) / 1_000);
                }
            }
            System.out.printf(
                    "%d members; batches of %d with a check-in of %s: replay p50 %.1f ms (%d of %d members"
                            + " replayed), streamed recomputation p50 %.1f ms (%d batches each, the first 10 not"
                            + " counted)%n",
                    members,
                    batch,
                    day,
                    median(replayTimes) / 1000.0,
                    replayed,
                    batch * batches,
                    median(streamedTimes) / 1000.0,
                    batches);
            assertThat(replayed).isEqualTo(batch * batches);
        }
    }

    /** The bench history of {@code members} in database {@code db} (generated when it holds another count). */
    private static Connection warehouse(String db, int members) throws Exception {
        var pg = PostgresResource.server();
        pg.ensureDatabase(db);
        Connection c = pg.connect(db);
        c.setAutoCommit(false);
        var dialect = new PostgresDialect();
        Migrations.apply(c, dialect, "sync_schema", Migrations.warehouse(dialect));
        Migrations.apply(c, dialect, MetricsSchema.VERSION_TABLE, MetricsSchema.versions(dialect));
        c.setAutoCommit(true);
        if (Rows.count(c, "select count(*) from dim_members") != members) {
            exec(c, "truncate dim_members, dim_goals, dim_habits, fact_checkins");
            String history = Files.readString(Path.of("../bench/analytics-history.sql"));
            // psql's variable and meta-commands, done here
            history = history.replaceAll("(?s)\\\\if.*?\\\\endif", "").replace(":members", "" + members);
            long t = System.nanoTime();
            for (String statement : history.split(";\n")) {
                if (!statement.isBlank()) {
                    exec(c, statement);
                }
            }
            System.out.printf("history: %d members generated in %d ms%n", members, ms(t));
        }
        return c;
    }

    /** With {@code -Dbench.steps=true}, each statement's or phase's time (the engines' and the steps' DEBUG lines). */
    private static void stepLog() {
        if (Boolean.getBoolean("bench.steps")) {
            Logger.getLogger("dev.goalcoach.analytics.metrics").setLevel(Level.ALL);
            for (var handler : Logger.getLogger("").getHandlers()) {
                handler.setLevel(Level.ALL);
            }
        }
    }

    /** Every member of the bench history, by id. */
    private static List<UUID> everyone(Connection c) throws SQLException {
        var everyone = new ArrayList<UUID>();
        try (var s = c.createStatement();
                var rs = s.executeQuery("select member_id from dim_members order by 1")) {
            while (rs.next()) {
                everyone.add(rs.getObject(1, UUID.class));
            }
        }
        return everyone;
    }

    private static long median(List<Long> times) {
        var counted = new ArrayList<>(times.subList(Math.min(10, times.size() - 1), times.size()));
        Collections.sort(counted);
        return counted.get(counted.size() / 2);
    }

    /** Each metric table as one digest of its rows in order (md5 of the text of each row, aggregated). */
    private static List<String> snapshot(Connection c) throws SQLException {
        var out = new ArrayList<String>();
        for (String table : WarehouseTestBase.METRIC_TABLES) {
            try (var s = c.createStatement();
                    var rs = s.executeQuery("select count(*) || ' rows, ' || md5(string_agg(md5(cast(t as text)), ''"
                            + " order by cast(t as text))) from (" + table + ") t")) {
                rs.next();
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
