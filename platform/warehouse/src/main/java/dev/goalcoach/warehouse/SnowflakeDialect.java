package dev.goalcoach.warehouse;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The production warehouse: Snowflake through its JDBC driver (key-pair authentication). Ids are VARCHAR(36),
 * times TIMESTAMP_TZ; a batch merges with {@code MERGE ... USING (... QUALIFY ROW_NUMBER() ...)}, as Snowflake
 * refuses a MERGE whose source holds one key twice; staging tables are session-temporary and emptied in each
 * batch's transaction.
 */
public final class SnowflakeDialect implements Dialect {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    @Override
    public String name() {
        return "snowflake";
    }

    @Override
    public String type(Table.Type type) {
        return switch (type) {
            case UUID -> "varchar(36)";
            case TEXT -> "varchar";
            case TIMESTAMP -> "timestamp_tz";
            case DATE -> "date";
            case NUMBER -> "number(18, 4)";
            case INT -> "number(10, 0)";
            case BIGINT -> "number(19, 0)";
            case BOOLEAN -> "boolean";
        };
    }

    @Override
    public String merge(Table t) {
        String key = String.join(", ", t.key());
        String where = t.guard() == null ? "" : " where " + t.guard();
        String order = t.version() == null ? key : t.version() + " desc";
        String source = "select " + t.columnList("s.") + " from " + t.staging() + " s" + where
                + " qualify row_number() over (partition by " + key + " order by " + order + ") = 1";
        String on = t.key().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" and "));
        String matched = t.version() == null
                ? ""
                : " when matched and t." + t.version() + " < s." + t.version() + " then update set "
                        + t.nonKey().stream()
                                .map(c -> c.name() + " = s." + c.name())
                                .collect(Collectors.joining(", "));
        return "merge into " + t.name() + " t using (" + source + ") s on " + on + matched
                + " when not matched then insert (" + t.columnList("") + ") values (" + t.columnList("s.") + ")";
    }

    @Override
    public List<String> fillDates() {
        return List.of("insert into dim_date select d, year(d), month(d), day(d), yearofweekiso(d), weekiso(d),"
                + " dayofweekiso(d), dayofweekiso(d) > 5 from (select dateadd(day, row_number() over (order by"
                + " seq4()) - 1, '2000-01-01'::date) as d from table(generator(rowcount => 36525)))"
                + " where not exists (select 1 from dim_date)");
    }

    @Override
    public List<String> createStaging() {
        return Schema.LOADED.stream()
                .map(t -> "create temporary table if not exists " + t.staging() + " (" + columnDefinitions(t) + ")")
                .toList();
    }

    @Override
    public boolean emptiesStagingAtCommit() {
        return false;
    }

    @Override
    public void bind(PreparedStatement ps, int index, Table.Type type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case UUID -> ps.setString(index, ((UUID) value).toString());
            case TEXT -> ps.setString(index, (String) value);
            case TIMESTAMP -> ps.setTimestamp(index, Timestamp.from((Instant) value), Calendar.getInstance(UTC));
            case DATE -> ps.setDate(index, Date.valueOf((LocalDate) value), Calendar.getInstance(UTC));
            case NUMBER -> ps.setBigDecimal(index, (BigDecimal) value);
            case INT -> ps.setInt(index, ((Number) value).intValue());
            case BIGINT -> ps.setLong(index, ((Number) value).longValue());
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
        }
    }

    @Override
    public Instant instant(ResultSet rs, int column) throws SQLException {
        var t = rs.getTimestamp(column, Calendar.getInstance(UTC));
        return t == null ? null : t.toInstant();
    }

    /** Ids are VARCHAR(36). */
    @Override
    public UUID uuid(ResultSet rs, int column) throws SQLException {
        String id = rs.getString(column);
        return id == null ? null : UUID.fromString(id);
    }

    /** The calendar date the driver reads (in UTC, so that no zone shifts it). */
    @Override
    public LocalDate date(ResultSet rs, int column) throws SQLException {
        var d = rs.getDate(column, Calendar.getInstance(UTC));
        return d == null ? null : d.toLocalDate();
    }

    /** An ARRAY is read as its JSON text: {@code [1, 2, 3]} (numbers only: {@link #arrayAgg} of integers). */
    @Override
    public int[] intArray(ResultSet rs, int column) throws SQLException {
        String json = rs.getString(column);
        if (json == null) {
            return null;
        }
        String items = json.strip();
        if (!items.startsWith("[") || !items.endsWith("]")) {
            throw new SQLException("not an array of integers: " + json);
        }
        items = items.substring(1, items.length() - 1).strip();
        if (items.isEmpty()) {
            return new int[0];
        }
        String[] parts = items.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new SQLException("not an array of integers: " + json, e);
            }
        }
        return out;
    }

    @Override
    public String lastOf(String array, int n) {
        return "array_slice(" + array + ", greatest(0, array_size(" + array + ") - " + n + "), array_size(" + array
                + "))";
    }

    private static int sqlType(Table.Type type) {
        return switch (type) {
            case UUID, TEXT -> Types.VARCHAR;
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            case DATE -> Types.DATE;
            case NUMBER -> Types.DECIMAL;
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case BOOLEAN -> Types.BOOLEAN;
        };
    }

    @Override
    public String countIf(String condition) {
        return "count_if(" + condition + ")";
    }

    @Override
    public String maxIf(String value, String condition) {
        return "max(iff(" + condition + ", " + value + ", null))";
    }

    @Override
    public String anyOf(String condition) {
        return "boolor_agg(" + condition + ")";
    }

    @Override
    public String daysBetween(String from, String to) {
        return "datediff(day, " + from + ", " + to + ")";
    }

    @Override
    public String plusDays(String date, String days) {
        return "dateadd(day, " + days + ", " + date + ")";
    }

    /** Snowflake's {@code /} divides exactly. */
    @Override
    public String quotient(String dividend, String divisor) {
        return "floor((" + dividend + ") / (" + divisor + "))";
    }

    @Override
    public String isoDayOfWeek(String date) {
        return "dayofweekiso(" + date + ")";
    }

    /** Not DATE_TRUNC('week'), which follows the session's WEEK_START. */
    @Override
    public String isoWeekStart(String date) {
        return "dateadd(day, 1 - dayofweekiso(" + date + "), " + date + ")";
    }

    @Override
    public String listSize(String list) {
        return "array_size(split(" + list + ", ','))";
    }

    @Override
    public String arrayAgg(String value, String order) {
        return "array_agg(" + value + ") within group (order by " + order + ")";
    }

    /** ARRAY_AGG leaves out NULLs: the rows not present become NULL. */
    @Override
    public String jsonArrayAgg(List<String> fields, String order, String present) {
        return "to_json(array_agg(iff(" + present + ", object_construct(" + String.join(", ", fields)
                + "), null)) within group (order by " + order + "))";
    }

    @Override
    public String localDateAtParameter(String zone) {
        return "to_date(convert_timezone(" + zone + ", cast(? as timestamp_tz)))";
    }

    @Override
    public String inIdListParameter(String column) {
        return column + " in (select value from table(split_to_table(?, ',')))";
    }

    @Override
    public String bucketOf(String column, int buckets) {
        return "abs(hash(" + column + ")) % " + buckets;
    }

    @Override
    public String joinDays(String from, String to) {
        return "join dim_date d on d.date_key between " + from + " and " + to;
    }

    @Override
    public String firstPerKey(String columns, String from, String key, String order) {
        return "select " + columns + " from " + from + " qualify row_number() over (partition by " + key + " order by "
                + order + ") = 1";
    }

    @Override
    public String createWorkTable(String name, String columns) {
        return "create temporary table if not exists " + name + " (" + columns + ")";
    }
}
