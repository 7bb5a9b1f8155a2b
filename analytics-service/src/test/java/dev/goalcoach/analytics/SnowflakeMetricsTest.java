package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.analytics.metrics.MetricsEngine;
import dev.goalcoach.analytics.metrics.MetricsSchema;
import dev.goalcoach.testkit.SnowflakeStub;
import dev.goalcoach.warehouse.Migrations;
import dev.goalcoach.warehouse.SnowflakeDialect;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Snowflake rendering of the metrics, sent by the real Snowflake JDBC driver to {@link SnowflakeStub} on
 * loopback: the schema, then a refresh — every statement in order, in one transaction, and what is bound to it (the
 * instant and the member ids as one text; the driver binds no arrays). The stub runs no SQL: what the statements
 * say is reviewed in {@code metrics-snowflake.sql} ({@code MetricsGoldenTest}), what they compute is tested on
 * PostgreSQL.
 */
class SnowflakeMetricsTest {

    private static final SnowflakeDialect SNOWFLAKE = new SnowflakeDialect();

    private SnowflakeStub stub;
    private Connection c;

    @BeforeEach
    void connect() throws Exception {
        stub = new SnowflakeStub(sql -> sql.equals("select max(version) from " + MetricsSchema.VERSION_TABLE)
                ? List.of(Arrays.asList((String) null))
                : null);
        var p = new Properties();
        p.setProperty("user", "ANALYTICS_USER");
        p.setProperty("password", "stub");
        // the driver would otherwise probe cloud metadata addresses on connect
        p.setProperty("disablePlatformDetection", "true");
        // the driver itself, not DriverManager: in a JVM that ran Quarkus tests, DriverManager may refuse a driver
        // registered from another class loader ("No suitable driver")
        c = new net.snowflake.client.api.driver.SnowflakeDriver()
                .connect(
                        "jdbc:snowflake://127.0.0.1:" + stub.port()
                                + "/?account=goalcoach&ssl=off&db=GOALCOACH&schema=WAREHOUSE&warehouse=ANALYTICS_WH",
                        p);
    }

    @AfterEach
    void close() throws Exception {
        c.close();
        stub.close();
    }

    @Test
    void theSchemaGoesOutVersionByVersionAndIsRecorded() throws Exception {
        c.setAutoCommit(false);
        Migrations.apply(c, SNOWFLAKE, MetricsSchema.VERSION_TABLE, MetricsSchema.versions(SNOWFLAKE));

        var expected = new ArrayList<String>();
        for (var version : MetricsSchema.versions(SNOWFLAKE)) {
            expected.addAll(version.statements());
            expected.add("insert into analytics_schema (version) values (" + version.number() + ")");
        }
        expected.add("commit");
        assertThat(sqls()).containsSubsequence(expected);
        assertThat(String.join("\n", sqls()))
                .as("no PostgreSQL in what Snowflake is sent")
                .doesNotContain("uuid", "timestamptz", "lateral", "create index");
    }

    @Test
    void aRefreshOfSomeMembersIsOneTransactionOfTheReviewedStatementsWithTheirIdsBoundAsText() throws Exception {
        var a = UUID.randomUUID();
        var b = UUID.randomUUID();
        var asOf = Instant.parse("2026-11-25T12:00:00Z");
        var engine = new MetricsEngine(SNOWFLAKE);
        stub.queries.clear();

        engine.refresh(c, asOf, List.of(a, b));

        var executed = stub.executed();
        var sql = sqls();
        var expected = new ArrayList<String>();
        expected.add("alter session /* JDBC:SnowflakeConnectionImpl.setAutoCommit*/ set autocommit=false");
        expected.addAll(engine.statements(false));
        expected.add("commit");
        assertThat(sql).containsExactlyElementsOf(expected);

        // the instant and the ids of the members asked about, as text, where the statements take them
        var scope = executed.stream()
                .filter(q -> q.sql().startsWith("insert into refresh_scope"))
                .findFirst()
                .orElseThrow();
        assertThat(scope.bindings().path("1").path("type").asText()).startsWith("TIMESTAMP");
        assertThat(scope.bindings().path("2").path("value").asText()).isEqualTo(a + "," + b);
        var deletes = executed.stream()
                .filter(q ->
                        (q.sql().startsWith("delete from metrics_") || q.sql().startsWith("delete from analytics_"))
                                && q.sql().contains("?"))
                .toList();
        // the seven metrics tables (the checkpoints too: none written there, none left of an erased member), then an
        // erased member's announced level and unpublished changes
        assertThat(deletes).hasSize(9);
        assertThat(deletes)
                .allSatisfy(q -> assertThat(q.bindings().path("1").path("value").asText())
                        .isEqualTo(a + "," + b));
        assertThat(executed)
                .allSatisfy(q -> assertThat(q.sql()).doesNotContain("pg_advisory", "analyze ", "distinct on"));
    }

    @Test
    void aRefreshOfEveryoneBindsOnlyTheInstantAndEmptiesTheMetricsTables() throws Exception {
        var engine = new MetricsEngine(SNOWFLAKE);
        stub.queries.clear();

        engine.refresh(c, Instant.parse("2026-11-25T12:00:00Z"), null);

        var executed = stub.executed();
        assertThat(sqls()).containsSubsequence(engine.statements(true));
        assertThat(sqls())
                .contains(
                        "delete from metrics_adherence",
                        "delete from metrics_streak",
                        "delete from metrics_habit_strength",
                        "delete from metrics_risk",
                        "delete from metrics_series");
        var scope = executed.stream()
                .filter(q -> q.sql().startsWith("insert into refresh_scope"))
                .findFirst()
                .orElseThrow();
        assertThat(fieldNames(scope.bindings())).containsExactly("1");
        // only the login and query endpoints were called, all on the stub
        assertThat(Set.copyOf(stub.paths))
                .isSubsetOf("/session/v1/login-request", "/queries/v1/query-request", "/session");
    }

    private List<String> sqls() {
        return stub.executed().stream().map(SnowflakeStub.Query::sql).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
