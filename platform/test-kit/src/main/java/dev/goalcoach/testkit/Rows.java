package dev.goalcoach.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

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

    /** The first column of the first row of {@code sql} as text (null when no row), on the database under test. */
    public static String text(String sql) throws SQLException {
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase);
                var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Runs {@code sql} on the database of the application under test. */
    public static void execute(String sql) throws SQLException {
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase);
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * A member's rows in the database under test: for every table with a {@code member_id} column, how many rows
     * name them (tables without any left out), for a test to hold an export or an erasure against.
     */
    public static Map<String, Long> ofMember(UUID member) throws SQLException {
        var held = new TreeMap<String, Long>();
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase)) {
            var tables = new ArrayList<String>();
            try (var s = c.createStatement();
                    var rs = s.executeQuery("select table_name from information_schema.columns where column_name ="
                            + " 'member_id' and table_schema = current_schema()")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (var ps = c.prepareStatement("select count(*) from " + table + " where member_id = ?")) {
                    ps.setObject(1, member);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            held.put(table, rs.getLong(1));
                        }
                    }
                }
            }
        }
        return held;
    }

    private Rows() {}
}
