package dev.goalcoach.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    void bind(PreparedStatement ps, int index, Table.Type type, Object value) throws SQLException;

    /** A TIMESTAMP column read back as an instant. */
    Instant instant(ResultSet rs, int column) throws SQLException;

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
