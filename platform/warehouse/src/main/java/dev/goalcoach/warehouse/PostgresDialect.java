package dev.goalcoach.warehouse;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The local and test warehouse: a PostgreSQL database ({@code goalcoach_warehouse}). */
public final class PostgresDialect implements Dialect {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String type(Table.Type type) {
        return switch (type) {
            case UUID -> "uuid";
            case TEXT -> "text";
            case TIMESTAMP -> "timestamptz";
            case DATE -> "date";
            case NUMBER -> "numeric(18, 4)";
            case INT -> "integer";
            case BIGINT -> "bigint";
            case BOOLEAN -> "boolean";
        };
    }

    /**
     * {@code insert ... select distinct on (key) ... on conflict do update ... where older}: the newest staged row
     * per key, and only over an older stored one (append-only tables keep the first).
     */
    @Override
    public String merge(Table t) {
        String key = String.join(", ", t.key());
        String where = t.guard() == null ? "" : " where " + t.guard();
        String order = " order by " + key + (t.version() == null ? "" : ", " + t.version() + " desc");
        String source = "select distinct on (" + key + ") " + t.columnList("s.") + " from " + t.staging() + " s" + where
                + order;
        String conflict = t.version() == null
                ? " on conflict (" + key + ") do nothing"
                : " on conflict (" + key + ") do update set "
                        + t.nonKey().stream()
                                .map(c -> c.name() + " = excluded." + c.name())
                                .collect(Collectors.joining(", "))
                        + " where " + t.name() + "." + t.version() + " < excluded." + t.version();
        return "insert into " + t.name() + " (" + t.columnList("") + ") " + source + conflict;
    }

    @Override
    public List<String> fillDates() {
        return List.of("insert into dim_date select d, extract(year from d), extract(month from d),"
                + " extract(day from d), extract(isoyear from d), extract(week from d), extract(isodow from d),"
                + " extract(isodow from d) > 5"
                + " from generate_series(date '2000-01-01', date '2099-12-31', interval '1 day') as g(t),"
                + " lateral (select t::date as d) as day on conflict do nothing");
    }

    /**
     * A transaction-scoped advisory lock: PostgreSQL's {@code create table if not exists} is not safe against a
     * concurrent creator of the same table.
     */
    @Override
    public String migrationLock() {
        return "select pg_advisory_xact_lock(7413001)";
    }

    /** Temporary, emptied by PostgreSQL at every commit. */
    @Override
    public List<String> createStaging() {
        return Schema.LOADED.stream()
                .map(t -> "create temporary table if not exists " + t.staging() + " (" + columnDefinitions(t)
                        + ") on commit delete rows")
                .toList();
    }

    @Override
    public void bind(PreparedStatement ps, int index, Table.Type type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case TIMESTAMP -> ps.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
            case DATE -> ps.setObject(index, (LocalDate) value);
            default -> ps.setObject(index, value);
        }
    }

    @Override
    public Instant instant(ResultSet rs, int column) throws SQLException {
        var t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Override
    public UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    @Override
    public LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    @Override
    public int[] intArray(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        Object[] items = (Object[]) array.getArray();
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = ((Number) items[i]).intValue();
        }
        return out;
    }

    @Override
    public String lastOf(String array, int n) {
        return array + "[greatest(1, cardinality(" + array + ") - " + (n - 1) + "):]";
    }

    private static int sqlType(Table.Type type) {
        return switch (type) {
            case UUID -> Types.OTHER;
            case TEXT -> Types.VARCHAR;
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            case DATE -> Types.DATE;
            case NUMBER -> Types.NUMERIC;
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case BOOLEAN -> Types.BOOLEAN;
        };
    }

    @Override
    public String countIf(String condition) {
        return "count(*) filter (where " + condition + ")";
    }

    @Override
    public String maxIf(String value, String condition) {
        return "max(" + value + ") filter (where " + condition + ")";
    }

    @Override
    public String anyOf(String condition) {
        return "bool_or(" + condition + ")";
    }

    @Override
    public String daysBetween(String from, String to) {
        return "(" + to + " - " + from + ")";
    }

    @Override
    public String plusDays(String date, String days) {
        return "(" + date + " + " + days + ")";
    }

    @Override
    public String quotient(String dividend, String divisor) {
        return "(" + dividend + ") / (" + divisor + ")";
    }

    @Override
    public String isoDayOfWeek(String date) {
        return "extract(isodow from " + date + ")::int";
    }

    @Override
    public String isoWeekStart(String date) {
        return "date_trunc('week', " + date + ")::date";
    }

    @Override
    public String listSize(String list) {
        return "array_length(string_to_array(" + list + ", ','), 1)";
    }

    @Override
    public String arrayAgg(String value, String order) {
        return "array_agg(" + value + " order by " + order + ")";
    }

    @Override
    public String jsonArrayAgg(List<String> fields, String order, String present) {
        return "coalesce(json_agg(json_build_object(" + String.join(", ", fields) + ") order by " + order
                + ") filter (where " + present + "), '[]')::text";
    }

    @Override
    public String localDateAtParameter(String zone) {
        return "(cast(? as timestamptz) at time zone " + zone + ")::date";
    }

    @Override
    public String inIdListParameter(String column) {
        return column + " = any(cast(string_to_array(?, ',') as uuid[]))";
    }

    @Override
    public String bucketOf(String column, int buckets) {
        return "abs(hashtext(cast(" + column + " as text))) % " + buckets;
    }

    /**
     * Each row's days read by the calendar's key, a range per row: a plain range join made the planner expect 40
     * times the rows (and hash the days, not the check-ins: twice as slow on everyone), and days counted back with
     * {@code generate_series} made it expect 1,000 a row and hash the whole calendar (28 of one member's 31 ms).
     */
    @Override
    public String joinDays(String from, String to) {
        return "cross join lateral (select * from dim_date cal where cal.date_key between " + from + " and " + to
                + ") d";
    }

    @Override
    public String firstPerKey(String columns, String from, String key, String order) {
        return "select distinct on (" + key + ") " + columns + " from " + from + " order by " + key + ", " + order;
    }

    @Override
    public String createWorkTable(String name, String columns) {
        return "create temporary table if not exists " + name + " (" + columns + ") on commit delete rows";
    }

    /** Without statistics the planner assumes thousands of rows and reads all check-ins, not the members' own. */
    @Override
    public String analyze(String table) {
        return "analyze " + table;
    }

    @Override
    public boolean lagTakesExpressions() {
        return true;
    }

    @Override
    public String bucketLocks() {
        return "select count(pg_advisory_xact_lock(" + 0x47434D45 + ", b)) from (%s) locks";
    }
}
