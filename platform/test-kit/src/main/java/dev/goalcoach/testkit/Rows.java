package dev.goalcoach.testkit;

import java.sql.Connection;
import java.sql.SQLException;

/** What a test reads straight from a database: a count, or a statement run as it is. */
public final class Rows {

    /** The first column of the first row of {@code sql} (a {@code select count(*) …}), on {@code c}. */
    public static long count(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@link #count(Connection, String)} on the database of the application under test ({@link PostgresResource}). */
    public static long count(String sql) throws SQLException {
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase)) {
            return count(c, sql);
        }
    }

    /** Runs {@code sql} on the database of the application under test. */
    public static void execute(String sql) throws SQLException {
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase);
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Rows() {}
}
