package dev.goalcoach.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.analytics.metrics.MetricsEngine;
import dev.goalcoach.analytics.metrics.MetricsSchema;
import dev.goalcoach.analytics.metrics.ReadSql;
import dev.goalcoach.analytics.service.Rollover;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.RiskChanged;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.SnowflakeStub;
import dev.goalcoach.testkit.SnowflakeStub.Column;
import dev.goalcoach.testkit.SnowflakeStub.Query;
import dev.goalcoach.testkit.SnowflakeStub.Result;
import dev.goalcoach.testkit.TestTokens;
import dev.goalcoach.warehouse.Migrations;
import dev.goalcoach.warehouse.SnowflakeDialect;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service on Snowflake ({@code GOALCOACH_WAREHOUSE_DIALECT=snowflake}): the real Snowflake JDBC driver, through
 * the service's datasource {@code snowflake}, against {@link SnowflakeStub} on loopback. The stub runs no SQL: these
 * tests show which statements the service sends, in which order and with which binds, and how rows — scripted by
 * the test as Snowflake would answer ({@link SnowflakeWarehouse}), not computed — are mapped to its answers. What the
 * statements compute is tested on PostgreSQL; their Snowflake text is reviewed in {@code metrics-snowflake.sql}.
 */
@ClockAt("2026-11-25T12:00:00Z")
@QuarkusTest
@TestProfile(SnowflakeServiceTest.OnSnowflake.class)
class SnowflakeServiceTest {

    /** The service with its warehouse on the stub. */
    public static class OnSnowflake implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SnowflakeWarehouse.class));
        }
    }

    private static final SnowflakeDialect SNOWFLAKE = new SnowflakeDialect();
    private static final ReadSql SQL = new ReadSql(SNOWFLAKE);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @Inject
    Rollover rollover;

    private SnowflakeStub stub;

    @BeforeEach
    void stub() {
        stub = SnowflakeWarehouse.stub();
    }

    @Test
    void atStartItSignsInWithThePasswordMakesTheSchemaAndPublishesWhatTheOutboxHeld() {
        assertThat(stub.logins).isNotEmpty();
        var login = stub.logins.get(0).path("data");
        assertThat(login.path("LOGIN_NAME").asText()).isEqualTo("ANALYTICS_USER");
        assertThat(login.path("PASSWORD").asText()).isEqualTo("stub-password");
        assertThat(login.path("ACCOUNT_NAME").asText()).isEqualTo("goalcoach");
        assertThat(login.path("AUTHENTICATOR").asText()).isNotEqualTo("SNOWFLAKE_JWT");
        assertThat(login.path("CLIENT_ENVIRONMENT").path("application").asText())
                .isEqualTo("analytics-service");
        assertThat(login.path("SESSION_PARAMETERS")
                        .path("JDBC_QUERY_RESULT_FORMAT")
                        .asText())
                .as("results come as JSON, the format these tests read")
                .isEqualTo("JSON");

        // the loader's star schema and the metrics tables, version by version, as the golden file has them
        var expected = new ArrayList<String>();
        expected.addAll(Migrations.warehouse(SNOWFLAKE).get(0).statements());
        expected.add("insert into sync_schema (version) values (1)");
        for (var version : MetricsSchema.versions(SNOWFLAKE)) {
            expected.addAll(version.statements());
            expected.add("insert into analytics_schema (version) values (" + version.number() + ")");
        }
        assertThat(sqls()).containsSubsequence(expected);

        // the change a stop left in the outbox: published, then deleted by its key, bound as Snowflake's types
        var published = PublishedRecords.await(
                Topics.ANALYTICS,
                r -> SnowflakeWarehouse.LEFT_MEMBER.toString().equals(r.key()),
                1,
                Duration.ofSeconds(30));
        var change = EventJson.read(published.get(0).data(), RiskChanged.class);
        assertThat(change.previousLevel()).isEqualTo("LOW");
        assertThat(change.level()).isEqualTo("HIGH");
        assertThat(change.score()).isEqualTo(70);
        assertThat(change.asOf()).isEqualTo(LocalDate.parse("2026-11-24"));
        assertThat(change.changedAt()).isEqualTo(SnowflakeWarehouse.LEFT_AT);
        assertThat(change.reasons().get(0).detail()).isEqualTo("no check-in for 9 days");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(executed(SQL.outboxPublished))
                        .singleElement()
                        .satisfies(q -> {
                            // a batch: the driver binds arrays, one item per change
                            assertThat(q.boundRows(1)).containsExactly(SnowflakeWarehouse.LEFT_MEMBER.toString());
                            assertThat(q.boundType(2)).startsWith("TIMESTAMP");
                        }));

        assertThat(String.join("\n", sqls()))
                .as("nothing of PostgreSQL's is sent to Snowflake")
                .doesNotContain("pg_", "uuid[]", "timestamptz", "lateral", "create index", "filter (where");
    }

    @Test
    void aBatchNoticeRecomputesItsMembersInOneTransactionOfTheReviewedStatements() {
        var a = UUID.randomUUID();
        int before = stub.queries.size();

        AnalyticsApiTest.notice(a);

        var engine = new MetricsEngine(SNOWFLAKE);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(sqlsSince(before)).contains("commit"));
        var sent = sqlsSince(before);
        var expected = new ArrayList<String>();
        expected.add("alter session /* JDBC:SnowflakeConnectionImpl.setAutoCommit*/ set autocommit=false");
        expected.addAll(engine.statements(false));
        expected.add("commit");
        assertThat(sent).containsSubsequence(expected);
        var scope = executedSince(before).stream()
                .filter(q -> q.sql().startsWith("insert into refresh_scope"))
                .findFirst()
                .orElseThrow();
        assertThat(scope.boundType(1)).startsWith("TIMESTAMP");
        assertThat(scope.bound(2)).isEqualTo(a.toString());
    }

    @Test
    void aMembersMetricsAreReadWithTheirIdBoundAsTextAndTheScriptedRowsMappedThenServedFromTheCache() {
        var member = UUID.randomUUID();
        var mentor = UUID.randomUUID();
        var goal = UUID.randomUUID();
        var habit = UUID.randomUUID();
        var computed = Instant.parse("2026-11-25T11:59:30.250Z");
        script(
                SQL.member,
                List.of(Column.text("MENTOR_ID"), Column.timestampTz("COMPUTED_AT")),
                List.of(List.of(mentor.toString(), SnowflakeStub.timestampTz(computed))));
        script(
                SQL.adherence,
                List.of(
                        Column.text("SCOPE"),
                        Column.text("SCOPE_ID"),
                        Column.fixed("WINDOW_DAYS", 0),
                        Column.fixed("ADHERENCE", 4),
                        Column.date("AS_OF"),
                        Column.timestampTz("COMPUTED_AT")),
                List.of(
                        adherence("goal", goal, 7, "0.7500", computed),
                        adherence("habit", habit, 7, "0.7500", computed),
                        adherence("member", member, 7, "0.8571", computed),
                        adherence("member", member, 30, "0.9000", computed),
                        Arrays.asList(
                                "member",
                                member.toString(),
                                "90",
                                null,
                                SnowflakeStub.date(TODAY),
                                SnowflakeStub.timestampTz(computed))));
        script(
                SQL.streaks,
                List.of(
                        Column.text("SCOPE"),
                        Column.text("SCOPE_ID"),
                        Column.fixed("CURRENT_STREAK", 0),
                        Column.fixed("LONGEST_STREAK", 0),
                        Column.text("UNIT"),
                        Column.text("GOAL_ID"),
                        Column.date("AS_OF"),
                        Column.timestampTz("COMPUTED_AT")),
                List.of(
                        streak("member", member, 5, 12, "day", null, computed),
                        streak("habit", habit, 2, 3, "week", goal, computed)));
        script(
                SQL.strength,
                List.of(Column.text("HABIT_ID"), Column.fixed("STRENGTH", 4)),
                List.of(List.of(habit.toString(), "0.7312")));
        script(
                SQL.risk,
                List.of(Column.fixed("SCORE", 0), Column.text("LEVEL"), Column.text("REASONS")),
                List.of(List.of(
                        "25",
                        "LOW",
                        "[{\"code\":\"LOW_ADHERENCE\",\"points\":25,\"detail\":\"7-day adherence 86 %\"}]")));
        int before = stub.queries.size();

        var metrics = get(TestTokens.member(member), "/dashboard/analytics/" + member, 200);

        assertThat(metrics.getString("asOf")).isEqualTo(TODAY.toString());
        assertThat(metrics.getString("computedAt")).isEqualTo(computed.toString());
        assertThat(metrics.getDouble("adherence.7")).isEqualTo(0.8571);
        assertThat(metrics.getDouble("adherence.30")).isEqualTo(0.9);
        assertThat(metrics.getMap("adherence")).containsKey("90").containsEntry("90", null);
        assertThat(metrics.getInt("streak.current")).isEqualTo(5);
        assertThat(metrics.getInt("streak.longest")).isEqualTo(12);
        assertThat(metrics.getString("goals[0].goalId")).isEqualTo(goal.toString());
        assertThat(metrics.getString("habits[0].habitId")).isEqualTo(habit.toString());
        assertThat(metrics.getString("habits[0].goalId")).isEqualTo(goal.toString());
        assertThat(metrics.getString("habits[0].streak.unit")).isEqualTo("week");
        assertThat(metrics.getDouble("habits[0].strength")).isEqualTo(0.7312);
        assertThat(metrics.getInt("risk.score")).isEqualTo(25);
        assertThat(metrics.getString("risk.reasons[0].detail")).isEqualTo("7-day adherence 86 %");
        for (String read : List.of(SQL.member, SQL.adherence, SQL.streaks, SQL.strength, SQL.risk)) {
            assertThat(executedSince(before))
                    .as(read)
                    .filteredOn(q -> q.sql().equals(read))
                    .singleElement()
                    .satisfies(q -> {
                        assertThat(q.bound(1)).isEqualTo(member.toString());
                        assertThat(q.boundType(1)).isEqualTo("TEXT");
                    });
        }

        // read again: from the service's own cache, not the warehouse (only who the member is is looked up)
        int after = stub.queries.size();
        get(TestTokens.member(member), "/dashboard/analytics/" + member, 200);
        assertThat(sqlsSince(after)).containsOnly(SQL.member);

        // another member: as everywhere, it does not exist for them
        get(TestTokens.member(UUID.randomUUID()), "/dashboard/analytics/" + member, 404);
    }

    @Test
    void aRosterAndASeriesAreReadFromSnowflakesArrays() {
        var mentor = UUID.randomUUID();
        var mentee = UUID.randomUUID();
        script(SQL.role, List.of(Column.text("ROLE")), List.of(List.of("MENTOR")));
        var owed = IntStream.range(0, 30).mapToObj(i -> i % 10 == 0 ? "0" : "2").toList();
        var met = IntStream.range(0, 30)
                .mapToObj(i -> i % 10 == 0 ? "0" : i < 20 ? "2" : "1")
                .toList();
        script(
                SQL.rosterVersion,
                List.of(Column.fixed("COUNT", 0), Column.timestampTz("COMPUTED_AT")),
                List.of(List.of("2", SnowflakeStub.timestampTz(Instant.parse("2026-11-25T11:59:30Z")))));
        script(
                SQL.roster,
                List.of(
                        Column.text("MEMBER_ID"),
                        Column.text("DISPLAY_NAME"),
                        Column.fixed("RISK_SCORE", 0),
                        Column.text("RISK_LEVEL"),
                        Column.fixed("ADHERENCE7", 4),
                        Column.fixed("ADHERENCE30", 4),
                        Column.fixed("CURRENT_STREAK", 0),
                        Column.array("OWED"),
                        Column.array("MET")),
                List.of(
                        Arrays.asList(
                                mentee.toString(),
                                "Ada",
                                "60",
                                "HIGH",
                                "0.5000",
                                "0.7778",
                                "0",
                                "[\n  " + String.join(",\n  ", owed) + "\n]",
                                "[" + String.join(",", met) + "]"),
                        Arrays.asList(UUID.randomUUID().toString(), "New", null, null, null, null, null, null, null)));

        var roster = get(TestTokens.mentor(mentor), "/analytics/mentors/" + mentor + "/roster", 200);

        assertThat(roster.getList("memberId")).hasSize(2).first().isEqualTo(mentee.toString());
        assertThat(roster.getInt("[0].riskScore")).isEqualTo(60);
        assertThat(roster.getInt("[0].currentStreak")).isZero();
        var last30 = roster.getList("[0].last30");
        assertThat(last30).hasSize(30);
        assertThat(last30.get(0)).isNull(); // nothing owed
        assertThat(last30.get(1)).isEqualTo(100);
        assertThat(last30.get(21)).isEqualTo(50);
        assertThat(roster.getList("[1].last30")).isEmpty();
        assertThat((Object) roster.get("[1].riskScore")).isNull();
        assertThat(executed(SQL.roster))
                .last()
                .satisfies(q -> assertThat(q.bound(1)).isEqualTo(mentor.toString()));

        // the member's series, as its arrays
        var member = UUID.randomUUID();
        script(
                SQL.member,
                List.of(Column.text("MENTOR_ID"), Column.timestampTz("COMPUTED_AT")),
                List.of(Arrays.asList((String) null, null)));
        script(
                SQL.series,
                List.of(Column.date("FIRST_DAY"), Column.array("OWED"), Column.array("MET"), Column.array("SKIPPED")),
                List.of(List.of(SnowflakeStub.date(TODAY.minusDays(2)), "[1, 2, 0]", "[1, 1, 0]", "[0, 1, 0]")));

        var series = get(TestTokens.member(member), "/analytics/members/" + member + "/series", 200);

        assertThat(series.getList("date"))
                .containsExactly(
                        TODAY.minusDays(2).toString(), TODAY.minusDays(1).toString(), TODAY.toString());
        assertThat(series.getList("owed", Integer.class)).containsExactly(1, 2, 0);
        assertThat(series.getList("skipped", Integer.class)).containsExactly(0, 1, 0);
        assertThat(series.getDouble("[1].adherence")).isEqualTo(0.5);
    }

    @Test
    void theRolloverTakesTheLeaseRecomputesWhoIsDueWithoutTheDayStepAndGivesItBack() throws Exception {
        var due = UUID.randomUUID();
        var holder = new AtomicReference<String>();
        SnowflakeWarehouse.SCRIPT.put(SQL.leaseTake, b -> {
            holder.set(b.path("1").path("value").asText());
            return Result.changed(1);
        });
        SnowflakeWarehouse.SCRIPT.put(
                SQL.leaseHolder, b -> Result.rows(List.of(Column.text("HOLDER")), List.of(List.of(holder.get()))));
        script(SQL.rolledOver, List.of(Column.text("MEMBER_ID")), List.of(List.of(due.toString())));
        int before = stub.queries.size();

        assertThat(rollover.run(NOW)).isEqualTo(1);

        var sent = executedSince(before);
        var take = sent.stream()
                .filter(q -> q.sql().equals(SQL.leaseTake))
                .findFirst()
                .orElseThrow();
        assertThat(take.bound(3)).isEqualTo(Rollover.LEASE);
        assertThat(take.bound(4)).isEqualTo(take.bound(1)).startsWith("analytics-");
        assertThat(take.boundType(2)).startsWith("TIMESTAMP");
        assertThat(take.boundType(5)).startsWith("TIMESTAMP");
        var rolledOver = sent.stream()
                .filter(q -> q.sql().equals(SQL.rolledOver))
                .findFirst()
                .orElseThrow();
        assertThat(rolledOver.boundType(1)).startsWith("TIMESTAMP");
        var order = sent.stream().map(Query::sql).collect(Collectors.toList());
        assertThat(order)
                .containsSubsequence(
                        SQL.leaseTake,
                        SQL.leaseHolder,
                        SQL.rolledOver,
                        new MetricsEngine(SNOWFLAKE).statements(false).get(0),
                        "commit",
                        SQL.leaseGiveBack);
        assertThat(sent.stream().filter(q -> q.sql().startsWith("insert into refresh_scope")))
                .singleElement()
                .satisfies(q -> assertThat(q.bound(2)).isEqualTo(due.toString()));
        assertThat(String.join("\n", order))
                .as("no day step: that is PostgreSQL's")
                .doesNotContain("step_scope");
        assertThat(sent.stream().filter(q -> q.sql().equals(SQL.leaseGiveBack)))
                .singleElement()
                .satisfies(q -> assertThat(q.bound(2)).isEqualTo(take.bound(1)));

        // another replica holds it: this one skips the tick, looks for no one
        SnowflakeWarehouse.SCRIPT.put(SQL.leaseTake, b -> Result.changed(0));
        int skipped = stub.queries.size();
        assertThat(rollover.run(NOW)).isEqualTo(-1);
        assertThat(sqlsSince(skipped)).containsExactly(SQL.leaseTake);
    }

    private static List<String> adherence(String scope, UUID id, int window, String value, Instant computed) {
        return List.of(
                scope,
                id.toString(),
                Integer.toString(window),
                value,
                SnowflakeStub.date(TODAY),
                SnowflakeStub.timestampTz(computed));
    }

    private static List<String> streak(
            String scope, UUID id, int current, int longest, String unit, UUID goal, Instant computed) {
        return Arrays.asList(
                scope,
                id.toString(),
                Integer.toString(current),
                Integer.toString(longest),
                unit,
                goal == null ? null : goal.toString(),
                SnowflakeStub.date(TODAY),
                SnowflakeStub.timestampTz(computed));
    }

    private static void script(String sql, List<Column> columns, List<List<String>> rows) {
        SnowflakeWarehouse.SCRIPT.put(sql, b -> Result.rows(columns, rows));
    }

    private static JsonPath get(String token, String path, int status) {
        return given().auth()
                .oauth2(token)
                .get(path)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    private List<String> sqls() {
        return stub.executed().stream().map(Query::sql).toList();
    }

    private List<Query> executed(String sql) {
        return stub.executed().stream().filter(q -> q.sql().equals(sql)).toList();
    }

    private List<Query> executedSince(int index) {
        return stub.queries.subList(index, stub.queries.size()).stream()
                .filter(q -> !q.describeOnly())
                .toList();
    }

    private List<String> sqlsSince(int index) {
        return executedSince(index).stream().map(Query::sql).toList();
    }
}
