package dev.goalcoach.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned schema changes on a warehouse connection: each owner (the loader's star schema, analytics' metrics)
 * keeps its own version table and applies the versions it has not applied yet, in order, then commits. The
 * statements are idempotent ({@code if not exists}), so two processes migrating at once do no harm.
 */
public final class Migrations {

    /** One version: its statements, in order. */
    public record Version(int number, List<String> statements) {}

    /** @return the versions applied now (empty when the schema was up to date) */
    public static List<Integer> apply(Connection c, Dialect dialect, String versionTable, List<Version> versions)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            if (dialect.migrationLock() != null) {
                s.execute(dialect.migrationLock());
            }
            s.execute("create table if not exists " + versionTable + " (version " + dialect.type(Table.Type.INT)
                    + " not null)");
            int current = 0;
            try (var rs = s.executeQuery("select max(version) from " + versionTable)) {
                if (rs.next()) {
                    current = rs.getInt(1);
                }
            }
            var applied = new ArrayList<Integer>();
            for (Version v : versions) {
                if (v.number() <= current) {
                    continue;
                }
                for (String sql : v.statements()) {
                    s.execute(sql);
                }
                s.execute("insert into " + versionTable + " (version) values (" + v.number() + ")");
                applied.add(v.number());
            }
            c.commit();
            return applied;
        }
    }

    /**
     * The loader's star schema (version 1: every table, the calendar, the replay generation; version 2: the facts-only
     * members of each batch notice).
     */
    public static List<Version> warehouse(Dialect dialect) {
        var v1 = new ArrayList<>(dialect.createSchema());
        // runs once with version 1; repeated after a crash before the version row, it still leaves one row
        v1.add("delete from sync_control where id = 1");
        v1.add("insert into sync_control (id, generation) values (1, 0)");
        return List.of(
                new Version(1, v1),
                // version 2: which members' changes were facts only, for analytics' check-in step
                new Version(
                        2,
                        List.of("alter table sync_batches add column if not exists facts_only "
                                + dialect.type(Table.Type.TEXT))));
    }

    private Migrations() {}
}
