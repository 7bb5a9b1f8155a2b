package dev.goalcoach.sync.warehouse;

import dev.goalcoach.events.WarehouseBatchCommitted;
import dev.goalcoach.warehouse.Dialect;
import dev.goalcoach.warehouse.Migrations;
import dev.goalcoach.warehouse.Schema;
import dev.goalcoach.warehouse.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The loader's one JDBC connection to the warehouse (PostgreSQL or Snowflake through {@link Dialect}). A batch is
 * one transaction: staging inserts with batched binds, one set-based merge per table, erasures and deletions, the
 * offsets and the batch notice. Not thread-safe: the loader thread owns it; a failed connection is dropped and
 * made again on the next call.
 */
public final class Warehouse implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Warehouse.class);

    /** A committed batch's notice, to publish as {@code warehouse.batch-committed}. */
    public record Notice(
            UUID batchId,
            List<UUID> memberIds,
            int eventCount,
            Instant newestEventTime,
            Instant committedAt,
            List<WarehouseBatchCommitted.FactsOnly> factsOnly) {}

    /** What {@link #commit} wrote. */
    public record Committed(Map<String, Integer> rowsPerTable, boolean generationChanged) {}

    private final Dialect dialect;
    private final String url;
    private final Properties properties;
    private Connection connection;

    public Warehouse(Dialect dialect, String url, Properties properties) {
        this.dialect = dialect;
        this.url = url;
        this.properties = properties;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Creates the schema when it is missing (version 1), or leaves it. Safe to run from several replicas. */
    public void migrate() throws SQLException {
        try {
            if (!Migrations.apply(connection(), dialect, "sync_schema", Migrations.warehouse(dialect))
                    .isEmpty()) {
                LOG.infof("warehouse schema created (%s)", dialect.name());
            }
        } catch (SQLException e) {
            fail();
            throw e;
        }
    }

    /** The replay generation: it changes when an admin asks for the warehouse to be rebuilt. */
    public long generation() throws SQLException {
        try (var s = connection().createStatement();
                var rs = s.executeQuery("select generation from sync_control where id = 1")) {
            long g = rs.next() ? rs.getLong(1) : 0;
            connection.commit();
            return g;
        } catch (SQLException e) {
            fail();
            throw e;
        }
    }

    /** The next offset to read for each partition that has one (a missing partition starts at the beginning). */
    public Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions) throws SQLException {
        var result = new HashMap<TopicPartition, Long>();
        try (var ps = connection().prepareStatement("select topic, partition_no, next_offset from sync_offsets")) {
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var tp = new TopicPartition(rs.getString(1), rs.getInt(2));
                    if (partitions.contains(tp)) {
                        result.put(tp, rs.getLong(3));
                    }
                }
            }
            connection.commit();
            return result;
        } catch (SQLException e) {
            fail();
            throw e;
        }
    }

    /**
     * Writes the batch, its offsets and its notice in one transaction — unless the replay generation moved on
     * since the loader positioned itself ({@code generationChanged}: nothing written, the loader re-reads).
     */
    public Committed commit(Batch batch, long generation, Notice notice) throws SQLException {
        var c = connection();
        try {
            try (var s = c.createStatement()) {
                try (var rs = s.executeQuery("select generation from sync_control where id = 1")) {
                    if (!rs.next() || rs.getLong(1) != generation) {
                        c.rollback();
                        return new Committed(Map.of(), true);
                    }
                }
            }
            var counts = new LinkedHashMap<String, Integer>();
            var rows = batch.rows();
            for (var entry : rows.entrySet()) {
                stage(c, entry.getKey(), entry.getValue());
            }
            try (var s = c.createStatement()) {
                for (var entry : rows.entrySet()) {
                    counts.put(entry.getKey().name(), s.executeUpdate(dialect.merge(entry.getKey())));
                }
                var after = new ArrayList<String>();
                if (rows.containsKey(Schema.ERASED_MEMBERS)) {
                    after.addAll(Schema.afterErasures());
                }
                if (rows.containsKey(Schema.DELETIONS)) {
                    after.addAll(Schema.afterDeletions());
                }
                if (rows.containsKey(Schema.DIM_GOALS)) {
                    after.addAll(Schema.afterGoals());
                }
                for (String sql : after) {
                    s.executeUpdate(sql);
                }
                if (!dialect.emptiesStagingAtCommit()) {
                    for (var table : rows.keySet()) {
                        s.executeUpdate("delete from " + table.staging());
                    }
                }
            }
            if (notice != null) {
                try (var ps = c.prepareStatement("insert into sync_batches (batch_id, member_ids, event_count,"
                        + " newest_event_time, committed_at, published, facts_only) values (?, ?, ?, ?, ?, ?, ?)")) {
                    dialect.bind(ps, 1, Table.Type.UUID, notice.batchId());
                    dialect.bind(ps, 2, Table.Type.TEXT, join(notice.memberIds()));
                    dialect.bind(ps, 3, Table.Type.INT, notice.eventCount());
                    dialect.bind(ps, 4, Table.Type.TIMESTAMP, notice.newestEventTime());
                    dialect.bind(ps, 5, Table.Type.TIMESTAMP, notice.committedAt());
                    dialect.bind(ps, 6, Table.Type.BOOLEAN, false);
                    dialect.bind(ps, 7, Table.Type.TEXT, facts(notice.factsOnly()));
                    ps.executeUpdate();
                }
            }
            c.commit();
            return new Committed(counts, false);
        } catch (SQLException | RuntimeException e) {
            fail();
            throw e;
        }
    }

    /** Committed notices not yet published (after a crash or a Kafka outage), oldest first. */
    public List<Notice> unpublished() throws SQLException {
        var result = new ArrayList<Notice>();
        try (var s = connection().createStatement();
                var rs = s.executeQuery("select batch_id, member_ids, event_count, newest_event_time, committed_at,"
                        + " facts_only from sync_batches where published = false order by committed_at")) {
            while (rs.next()) {
                result.add(new Notice(
                        UUID.fromString(rs.getString(1)),
                        split(rs.getString(2)),
                        rs.getInt(3),
                        dialect.instant(rs, 4),
                        dialect.instant(rs, 5),
                        facts(rs.getString(6))));
            }
            connection.commit();
            return result;
        } catch (SQLException e) {
            fail();
            throw e;
        }
    }

    public void published(UUID batchId) throws SQLException {
        try (var ps = connection().prepareStatement("update sync_batches set published = true where batch_id = ?")) {
            dialect.bind(ps, 1, Table.Type.UUID, batchId);
            ps.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            fail();
            throw e;
        }
    }

    /** Empties every loaded table but the erasure markers and moves the generation on: the loaders start over. */
    public long startReplay() throws SQLException {
        var c = connection();
        try (var s = c.createStatement()) {
            for (String sql : Schema.replayTruncates()) {
                s.executeUpdate(sql);
            }
            s.executeUpdate("delete from sync_batches");
            s.executeUpdate("update sync_control set generation = generation + 1 where id = 1");
            long g;
            try (var rs = s.executeQuery("select generation from sync_control where id = 1")) {
                rs.next();
                g = rs.getLong(1);
            }
            c.commit();
            return g;
        } catch (SQLException e) {
            fail();
            throw e;
        }
    }

    /**
     * The member's roles in the warehouse: their dimension row's, and MEMBER once erased (their row is gone then);
     * empty when the warehouse has no such member.
     */
    public List<String> memberRoles(UUID memberId) throws SQLException {
        try (var ps = connection()
                .prepareStatement("select role from dim_members where member_id = ?"
                        + " union all select 'MEMBER' from sync_erased_members where member_id = ?")) {
            dialect.bind(ps, 1, Table.Type.UUID, memberId);
            dialect.bind(ps, 2, Table.Type.UUID, memberId);
            var roles = new ArrayList<String>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
            connection.commit();
            return roles;
        } catch (SQLException e) {
            fail();
            throw e;
        }
    }

    /** A cheap round trip, for health. */
    public void ping() throws SQLException {
        try (var s = connection().createStatement()) {
            s.execute("select 1");
            connection.commit();
        } catch (SQLException e) {
            fail();
            throw e;
        }
    }

    private void stage(Connection c, Table table, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(table.stagingInsert())) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    dialect.bind(ps, i + 1, table.columns().get(i).type(), row[i]);
                }
                ps.addBatch();
                if (++pending == 1000) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            var c = DriverManager.getConnection(url, properties);
            try {
                c.setAutoCommit(false);
                try (var s = c.createStatement()) {
                    for (String sql : dialect.createStaging()) {
                        s.execute(sql);
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** Drops the connection after a failure: the transaction is gone with it; the next call connects again. */
    private void fail() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        fail();
    }

    private static String join(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    /** Members whose changes were facts only, as {@code member=day} (day empty: none), comma-separated. */
    static String facts(List<WarehouseBatchCommitted.FactsOnly> facts) {
        if (facts == null) {
            return null;
        }
        return facts.stream()
                .map(f -> f.memberId() + "="
                        + (f.earliestCheckinDay() == null
                                ? ""
                                : f.earliestCheckinDay().toString()))
                .collect(Collectors.joining(","));
    }

    /** What {@link #facts(List)} wrote, read back (null: a notice written before the column, says nothing). */
    static List<WarehouseBatchCommitted.FactsOnly> facts(String s) {
        if (s == null) {
            return null;
        }
        if (s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(","))
                .map(f -> {
                    int at = f.indexOf('=');
                    String day = f.substring(at + 1);
                    return new WarehouseBatchCommitted.FactsOnly(
                            UUID.fromString(f.substring(0, at)), day.isEmpty() ? null : LocalDate.parse(day));
                })
                .toList();
    }

    private static List<UUID> split(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(UUID::fromString).toList();
    }
}
