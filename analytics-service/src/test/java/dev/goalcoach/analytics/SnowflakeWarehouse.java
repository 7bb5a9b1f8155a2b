package dev.goalcoach.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.testkit.SnowflakeStub;
import dev.goalcoach.testkit.SnowflakeStub.Column;
import dev.goalcoach.testkit.SnowflakeStub.Result;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The service's warehouse as {@link SnowflakeStub} on loopback, reached by the real Snowflake driver through the
 * service's datasource {@code snowflake}. It runs no SQL: each SELECT is answered from a script the test writes
 * (by exact statement), as Snowflake would have answered it: declared rows, not computed ones. Before the service
 * starts, the script holds a schema with no version yet and one risk change left in the outbox by a stop.
 */
public class SnowflakeWarehouse implements QuarkusTestResourceLifecycleManager {

    /** The change a stop left in the outbox: published and deleted at start. */
    static final UUID LEFT_MEMBER = UUID.fromString("5eb4e1e0-0000-4000-8000-00000000000a");

    static final Instant LEFT_AT = Instant.parse("2026-11-24T23:00:00Z");

    /** What the stub answers, by statement: a function of what was bound. */
    static final Map<String, Function<JsonNode, Result>> SCRIPT = new ConcurrentHashMap<>();

    private static SnowflakeStub stub;

    static SnowflakeStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        SCRIPT.put("select max(version) from sync_schema", b -> Result.text(List.of(Arrays.asList((String) null))));
        SCRIPT.put(
                "select max(version) from analytics_schema", b -> Result.text(List.of(Arrays.asList((String) null))));
        var once = new java.util.concurrent.atomic.AtomicBoolean();
        SCRIPT.put(
                "select member_id, previous_level, level, score, reasons, as_of, changed_at from analytics_outbox"
                        + " order by changed_at, member_id limit 500",
                b -> Result.rows(
                        List.of(
                                Column.text("MEMBER_ID"),
                                Column.text("PREVIOUS_LEVEL"),
                                Column.text("LEVEL"),
                                Column.fixed("SCORE", 0),
                                Column.text("REASONS"),
                                Column.date("AS_OF"),
                                Column.timestampTz("CHANGED_AT")),
                        once.getAndSet(true)
                                ? List.of()
                                : List.of(Arrays.asList(
                                        LEFT_MEMBER.toString(),
                                        "LOW",
                                        "HIGH",
                                        "70",
                                        "[{\"code\":\"NO_RECENT_CHECKIN\",\"points\":40,\"detail\":\"no check-in for"
                                                + " 9 days\"}]",
                                        SnowflakeStub.date(LocalDate.parse("2026-11-24")),
                                        SnowflakeStub.timestampTz(LEFT_AT)))));
        try {
            stub = new SnowflakeStub((sql, bindings) -> {
                var script = SCRIPT.get(sql);
                return script == null ? null : script.apply(bindings);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "goalcoach.analytics.warehouse-dialect", "snowflake",
                "quarkus.datasource.snowflake.jdbc.url",
                        "jdbc:snowflake://127.0.0.1:" + stub.port()
                                + "/?account=goalcoach&ssl=off&db=GOALCOACH&schema=WAREHOUSE&warehouse=ANALYTICS_WH",
                "quarkus.datasource.snowflake.username", "ANALYTICS_USER",
                "quarkus.datasource.snowflake.password", "stub-password");
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
        SCRIPT.clear();
    }
}
