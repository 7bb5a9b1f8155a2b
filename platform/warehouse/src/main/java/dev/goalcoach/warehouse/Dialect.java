package dev.goalcoach.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The few things the PostgreSQL and Snowflake warehouses do differently: type names, the set-based merge from a
 * staging table, staging tables themselves, the calendar fill and how values are bound. Everything else (the
 * schema, erasure, deletions, offsets, batch notices) is the same SQL for both.
 */
public interface Dialect {

    String name();

    String type(Table.Type type);

    /** One set-based statement merging the staging table into {@code t}: newest version per key, guard passed. */
    String merge(Table t);

    /** Statements filling {@code dim_date} with every day of 2000–2099 (idempotent). */
    List<String> fillDates();

    /** Statements making this connection's staging tables. */
    List<String> createStaging();

    /**
     * A statement that makes concurrent migrators (sync-service and analytics-service starting together) take
     * turns until the transaction ends, or null where the warehouse needs none.
     */
    default String migrationLock() {
        return null;
    }

    /** Whether staging tables are emptied by the commit itself (else each batch deletes what it staged). */
    default boolean emptiesStagingAtCommit() {
        return true;
    }

    // What analytics-service's metrics are written in where the two spell SQL differently (MetricsEngine,
    // MetricsSchema). Expressions are SQL text; dates are DATE values, days integers.

    /** The rows of the group for which {@code condition} holds (an aggregate; also over a window). */
    String countIf(String condition);

    /** The greatest {@code value} among the rows of the group for which {@code condition} holds. */
    String maxIf(String value, String condition);

    /** Whether {@code condition} holds for any row of the group. */
    String anyOf(String condition);

    /** Whole days from date {@code from} to date {@code to} (negative when {@code to} is earlier). */
    String daysBetween(String from, String to);

    /** The date {@code days} days after {@code date} ({@code days} may be an expression, negative is before). */
    String plusDays(String date, String days);

    /** Integer division of non-negative integers, rounded down. */
    String quotient(String dividend, String divisor);

    /** The ISO day of the week of a date: Monday 1 to Sunday 7. */
    String isoDayOfWeek(String date);

    /** The Monday of a date's ISO week. */
    String isoWeekStart(String date);

    /** How many items a comma-separated list holds; null for null. */
    String listSize(String list);

    /** The group's values as an array, in {@code order}. */
    String arrayAgg(String value, String order);

    /**
     * The group's rows for which {@code present} holds as the text of a JSON array of objects ({@code fields}:
     * name, expression, name, expression...), in {@code order}; {@code []} when there are none.
     */
    String jsonArrayAgg(List<String> fields, String order, String present);

    /**
     * The local date in time zone {@code zone} (an IANA name) at the instant bound to the one parameter this
     * expression holds, as a TIMESTAMP.
     */
    String localDateAtParameter(String zone);

    /** Whether {@code column} (an id) is one of the comma-separated ids bound, as text, to its one parameter. */
    String inIdListParameter(String column);

    /** A bucket {@code 0 .. buckets - 1} of {@code column}'s value, by a hash of its text. */
    String bucketOf(String column, int buckets);

    /** A join that adds one row {@code d} of {@code dim_date} per day from {@code from} to {@code to}. */
    String joinDays(String from, String to);

    /**
     * A SELECT of {@code columns} from {@code from} (tables, joins and conditions) keeping, per {@code key}, the
     * row first in {@code order}.
     */
    String firstPerKey(String columns, String from, String key, String order);

    /** A table of this connection's own, for work within a transaction; emptied as staging tables are. */
    String createWorkTable(String name, String columns);

    /** A statement that gives the planner statistics of a work table just filled, or null where none is needed. */
    default String analyze(String table) {
        return null;
    }

    /**
     * Whether LAG's offset may be an expression per row (PostgreSQL); where not (Snowflake), a self-join stands
     * in.
     */
    default boolean lagTakesExpressions() {
        return false;
    }

    /**
     * A statement that makes refreshes of the same members take turns until the transaction ends — {@code %s} is
     * a query of the member buckets to lock, ascending — or null where the warehouse serializes them itself.
     */
    default String bucketLocks() {
        return null;
    }

    void bind(PreparedStatement ps, int index, Table.Type type, Object value) throws SQLException;

    /** A TIMESTAMP column read back as an instant. */
    Instant instant(ResultSet rs, int column) throws SQLException;

    /** An id column read back (null for NULL). */
    UUID uuid(ResultSet rs, int column) throws SQLException;

    /** A DATE column read back (null for NULL). */
    LocalDate date(ResultSet rs, int column) throws SQLException;

    /** An integer array column ({@link #arrayAgg}'s) read back, in order (null for NULL). */
    int[] intArray(ResultSet rs, int column) throws SQLException;

    /** An integer column read back, null for NULL (drivers differ in the boxed type {@code getObject} gives). */
    default Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** The last {@code n} items of array {@code array} (all of them when it holds fewer). */
    String lastOf(String array, int n);

    /** The schema, version 1: every loaded table, the calendar, batch notices and the replay generation. */
    default List<String> createSchema() {
        var sql = new ArrayList<String>();
        for (Table t : Schema.LOADED) {
            sql.add("create table if not exists " + t.name() + " (" + columnDefinitions(t) + ", primary key ("
                    + String.join(", ", t.key()) + "))");
        }
        sql.add("create table if not exists dim_date (date_key " + type(Table.Type.DATE) + " primary key,"
                + " year " + type(Table.Type.INT) + ", month " + type(Table.Type.INT) + ", day_of_month "
                + type(Table.Type.INT) + ", iso_year " + type(Table.Type.INT) + ", iso_week " + type(Table.Type.INT)
                + ", iso_day_of_week " + type(Table.Type.INT) + ", weekend " + type(Table.Type.BOOLEAN) + ")");
        sql.add("create table if not exists sync_batches (batch_id " + type(Table.Type.UUID) + " primary key,"
                + " member_ids " + type(Table.Type.TEXT) + ", event_count " + type(Table.Type.INT) + ","
                + " newest_event_time " + type(Table.Type.TIMESTAMP) + ", committed_at " + type(Table.Type.TIMESTAMP)
                + ", published " + type(Table.Type.BOOLEAN) + ")");
        sql.add("create table if not exists sync_control (id " + type(Table.Type.INT) + " primary key," + " generation "
                + type(Table.Type.BIGINT) + ")");
        sql.addAll(fillDates());
        return sql;
    }

    default String columnDefinitions(Table t) {
        return t.columns().stream().map(c -> c.name() + " " + type(c.type())).collect(Collectors.joining(", "));
    }
}
