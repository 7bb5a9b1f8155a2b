package dev.goalcoach.analytics;

import static dev.goalcoach.testkit.Requests.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.goalcoach.analytics.metrics.Recomputation;
import dev.goalcoach.analytics.metrics.StreamedEngine;
import dev.goalcoach.analytics.repository.Leases;
import dev.goalcoach.analytics.repository.MetricsChanges;
import dev.goalcoach.analytics.service.Rollover;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.WarehouseBatchCommitted;
import dev.goalcoach.kit.security.VerifiedTokens;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@ClockAt(AnalyticsApiTest.AT)
@QuarkusTest
class AnalyticsApiTest {

    /** The tests' instant (the service's clock is pinned to it) and the UTC members' today then. */
    static final String AT = "2026-11-25T12:00:00Z";

    private static final Instant NOW = Instant.parse(AT);

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @Inject
    JWTParser tokens;

    @Test
    void aBatchNoticeRecomputesTheMembersItNamesAndTheApiShowsTheirMetrics() throws Exception {
        var mentor = UUID.randomUUID();
        var member = member(mentor);
        var habit = dailyHabit(member, TODAY.minusDays(10));
        var today = TODAY;
        for (int i = 1; i <= 4; i++) {
            checkin(habit, member, today.minusDays(i)); // the last four days done
        }
        var token = TestTokens.member(member);
        // nothing computed yet: the member exists, the metrics are empty
        as(token).get("/dashboard/analytics/" + member).then().statusCode(200).body("habits", hasSize(0));

        notice(member);
        awaitCurrentStreak(token, member, 4);
        as(token)
                .get("/dashboard/analytics/" + member)
                .then()
                .statusCode(200)
                .body("memberId", equalTo(member.toString()))
                .body("asOf", equalTo(today.toString()))
                .body("habits", hasSize(1))
                .body("habits[0].habitId", equalTo(habit.toString()))
                .body("habits[0].streak.unit", equalTo("day"))
                .body("habits[0].strength", notNullValue())
                .body("adherence.'7'", notNullValue())
                .body("risk.level", equalTo("LOW"))
                .body("risk.score", equalTo(0))
                .body("risk.reasons", hasSize(0));

        var series = as(token)
                .get("/analytics/members/" + member + "/series")
                .then()
                .statusCode(200)
                .extract();
        assertThat(series.<List<String>>path("date"))
                .hasSize(11)
                .startsWith(today.minusDays(10).toString())
                .endsWith(today.toString());
        assertThat(series.<Integer>path("[9].met")).isEqualTo(1);
        assertThat(series.<Integer>path("[0].met")).isEqualTo(0);
        as(TestTokens.member(UUID.randomUUID()))
                .get("/analytics/members/" + member + "/series")
                .then()
                .statusCode(404);

        // a later check-in shows after the next notice for this member: the cache was emptied
        checkin(habit, member, today);
        notice(member);
        awaitCurrentStreak(token, member, 5);
    }

    @Test
    void todaysCheckinsAreSteppedAndAnOlderDaysCheckinIsReplayedFromTheCheckpoints() throws Exception {
        var member = member(UUID.randomUUID());
        var habit = dailyHabit(member, TODAY.minusDays(10));
        checkin(habit, member, TODAY.minusDays(2));
        checkin(habit, member, TODAY.minusDays(1));
        var token = TestTokens.member(member);
        notice(member);
        awaitCurrentStreak(token, member, 2);
        double stepped = metric("goalcoach_analytics_batch_members_total", "how=\"stepped\"");
        double recomputed = metric("goalcoach_analytics_batch_members_total", "how=\"recomputed\"");
        double replayed = metric("goalcoach_analytics_batch_members_total", "how=\"replayed\"");

        // today's check-in, its notice saying the member's changes were check-ins of today: stepped
        checkin(habit, member, TODAY);
        notice(member, TODAY);
        awaitCurrentStreak(token, member, 3);
        assertThat(metric("goalcoach_analytics_batch_members_total", "how=\"stepped\""))
                .isEqualTo(stepped + 1);
        assertThat(metric("goalcoach_analytics_batch_members_total", "how=\"recomputed\""))
                .isEqualTo(recomputed);
        as(token)
                .get("/analytics/members/" + member + "/series")
                .then()
                .statusCode(200)
                .body("[10].met", equalTo(1));

        // a check-in of three days ago, logged late: older days changed, continued from the habit's checkpoint
        checkin(habit, member, TODAY.minusDays(3));
        notice(member, TODAY.minusDays(3));
        awaitCurrentStreak(token, member, 4);
        assertThat(metric("goalcoach_analytics_batch_members_total", "how=\"replayed\""))
                .isEqualTo(replayed + 1);
        assertThat(metric("goalcoach_analytics_batch_members_total", "how=\"stepped\""))
                .isEqualTo(stepped + 1);
        assertThat(metric("goalcoach_analytics_batch_members_total", "how=\"recomputed\""))
                .isEqualTo(recomputed);
        as(token)
                .get("/analytics/members/" + member + "/series")
                .then()
                .statusCode(200)
                .body("[7].met", equalTo(1), "[10].met", equalTo(1));
    }

    @Test
    void aRecordThatIsNoNoticeIsDeadLetteredAndTheNoticesBesideItAreStillDone() throws Exception {
        var member = member(UUID.randomUUID());
        var habit = dailyHabit(member, TODAY.minusDays(3));
        checkin(habit, member, TODAY.minusDays(1));
        var poison = UUID.randomUUID();
        TestPublisher.send(List.of(
                TestPublisher.rawRecord(
                        "goalcoach.warehouse",
                        member.toString(),
                        "dev.goalcoach.warehouse.batch-committed.v1",
                        poison,
                        "{\"not\":\"a notice\"}".getBytes(StandardCharsets.UTF_8)),
                TestPublisher.record(
                        EventCatalog.WAREHOUSE_BATCH_COMMITTED,
                        member,
                        UUID.randomUUID(),
                        new WarehouseBatchCommitted(UUID.randomUUID(), List.of(member), 1, NOW, NOW))));
        awaitCurrentStreak(TestTokens.member(member), member, 1);
        var dead = PublishedRecords.await(
                "goalcoach.dlq", r -> poison.toString().equals(r.ce().get("id")), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).headers().get("dead-letter-reason")).contains("schema");
        assertThat(dead.get(0).headers().get("dead-letter-topic")).isEqualTo("goalcoach.warehouse");
    }

    @Test
    void aDemotedAdminOrMentorInTheWarehouseNoLongerSeesOthersMetrics() throws Exception {
        var mentor = FACTS.mentor("Maya");
        var member = member(mentor);
        var admin = FACTS.mentor("Ada");
        exec("update dim_members set role = 'ADMIN' where member_id = '" + admin + "'");
        var path = "/dashboard/analytics/" + member;
        String mentorToken = TestTokens.mentor(mentor);
        String adminToken = TestTokens.admin(admin);
        as(mentorToken).get(path).then().statusCode(200);
        as(adminToken).get(path).then().statusCode(200);
        as(adminToken).get("/analytics/mentors/" + mentor + "/roster").then().statusCode(200);

        exec("update dim_members set role = 'MEMBER' where member_id in ('" + mentor + "', '" + admin + "')");

        as(mentorToken).get(path).then().statusCode(404);
        as(adminToken).get(path).then().statusCode(404);
        as(adminToken).get("/analytics/mentors/" + mentor + "/roster").then().statusCode(404);

        var erased = UUID.randomUUID();
        as(TestTokens.admin(erased)).get(path).then().statusCode(200);
        exec("insert into sync_erased_members (member_id, version, erased_at) values ('" + erased + "', 3, now())");
        as(TestTokens.admin(erased)).get(path).then().statusCode(404);
    }

    @Test
    void theMemberTheirMentorAndAnAdminSeeTheMetricsAnyoneElseGets404() throws Exception {
        var mentor = UUID.randomUUID();
        var member = member(mentor);
        var path = "/dashboard/analytics/" + member;
        as(TestTokens.member(member)).get(path).then().statusCode(200);
        as(TestTokens.mentor(mentor)).get(path).then().statusCode(200);
        as(TestTokens.admin(UUID.randomUUID())).get(path).then().statusCode(200);
        as(TestTokens.member(UUID.randomUUID()))
                .get(path)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.mentor(UUID.randomUUID())).get(path).then().statusCode(404);
        as(TestTokens.admin(UUID.randomUUID()))
                .get("/dashboard/analytics/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        as(TestTokens.admin(UUID.randomUUID()))
                .get("/dashboard/analytics/not-a-uuid")
                .then()
                .statusCode(404);
        given().get(path).then().statusCode(401).contentType("application/problem+json");
        as(TestTokens.expired(member)).get(path).then().statusCode(401);
        as(TestTokens.signedByAnotherKey(member, "MEMBER")).get(path).then().statusCode(401);

        as(TestTokens.member(member)).post("/analytics/refresh").then().statusCode(403);
        as(TestTokens.admin(UUID.randomUUID()))
                .post("/analytics/refresh")
                .then()
                .statusCode(204);
    }

    @Test
    void aRememberedTokenDoesNotLetAForgedSignatureIn() throws Exception {
        // requests are authenticated by web-kit's VerifiedTokens (each token verified once, then remembered)
        assertThat(tokens).isInstanceOf(VerifiedTokens.class);
        var member = member(null);
        var token = TestTokens.member(member);
        as(token).get("/dashboard/analytics/" + member).then().statusCode(200);
        as(token).get("/dashboard/analytics/" + member).then().statusCode(200);
        int last = token.length() - 2;
        String forged = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.substring(last + 1);
        as(forged).get("/dashboard/analytics/" + member).then().statusCode(401);
        as(TestTokens.expired(member))
                .get("/dashboard/analytics/" + member)
                .then()
                .statusCode(401);
        as(token).get("/dashboard/analytics/" + member).then().statusCode(200);
    }

    @Test
    void aNoticeThatArrivesWhileTheWarehouseIsAwayIsRecomputedOnceItIsBack() throws Exception {
        var member = member(UUID.randomUUID());
        var habit = dailyHabit(member, TODAY.minusDays(5));
        for (int i = 1; i <= 2; i++) {
            checkin(habit, member, TODAY.minusDays(i));
        }
        var token = TestTokens.member(member);
        ProxiedDatabaseResource.proxy().cut();
        try {
            double retriedBefore = recomputeRetries();
            notice(member);
            // the notice arrived while the warehouse was away: its recomputation failed and waits to be retried
            await().atMost(Duration.ofSeconds(20)).until(() -> recomputeRetries() > retriedBefore);
        } finally {
            ProxiedDatabaseResource.proxy().restore();
        }
        awaitCurrentStreak(token, member, 2);
    }

    /** {@code goalcoach_analytics_recompute_retries_total} as {@code /q/metrics} shows it. */
    private static double recomputeRetries() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("goalcoach_analytics_recompute_retries_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aMentorsRosterListsTheirMenteesRiskiestFirstAndOnlyToThemOrAnAdmin() throws Exception {
        var mentor = UUID.randomUUID();
        var steady = member(mentor);
        var slipping = member(mentor);
        var notYetComputed = member(mentor);
        var someoneElses = member(UUID.randomUUID());
        var today = TODAY;
        var steadyHabit = dailyHabit(steady, today.minusDays(6));
        for (int i = 1; i <= 6; i++) {
            checkin(steadyHabit, steady, today.minusDays(i));
        }
        dailyHabit(slipping, today.minusDays(10)); // ten days, never logged
        recomputedByAnAdmin(steady);
        recomputedByAnAdmin(slipping);

        var roster = as(TestTokens.mentor(mentor))
                .get("/analytics/mentors/" + mentor + "/roster")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(roster.getList("memberId"))
                .containsExactly(slipping.toString(), steady.toString(), notYetComputed.toString())
                .doesNotContain(someoneElses.toString());
        assertThat(roster.getString("[0].riskLevel")).isEqualTo("HIGH");
        assertThat(roster.getInt("[1].riskScore")).isZero();
        assertThat(roster.getInt("[1].currentStreak")).isEqualTo(6);
        // each day's adherence for a sparkline: six days done, today not yet owed; ten days missed
        assertThat(roster.getList("[1].last30", Integer.class)).containsExactly(100, 100, 100, 100, 100, 100, null);
        assertThat(roster.getList("[0].last30", Integer.class))
                .hasSize(11)
                .startsWith(0, 0)
                .containsOnly(0, null)
                .last()
                .isNull();
        assertThat(roster.getList("[2].last30")).isEmpty();
        assertThat(roster.getString("[2].riskLevel")).isNull();

        as(TestTokens.admin(UUID.randomUUID()))
                .get("/analytics/mentors/" + mentor + "/roster")
                .then()
                .statusCode(200);
        as(TestTokens.mentor(UUID.randomUUID()))
                .get("/analytics/mentors/" + mentor + "/roster")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.member(steady))
                .get("/analytics/mentors/" + mentor + "/roster")
                .then()
                .statusCode(404);
        given().get("/analytics/mentors/" + mentor + "/roster").then().statusCode(401);
    }

    @Inject
    MetricsChanges changes;

    /**
     * Two replicas of analytics-service share the warehouse, each with its own cache: what another replica
     * recomputes (its batch notice, its rollover) is what this one answers next for the member (their read asks
     * when their rows were written), and for their mentor's roster as soon as the warehouse announces the commit
     * (no query per roster read).
     */
    @Test
    void whatAnotherReplicaRecomputedIsWhatThisOneAnswersNext() throws Exception {
        var mentor = UUID.randomUUID();
        var member = member(mentor);
        var habit = dailyHabit(member, TODAY.minusDays(6));
        checkin(habit, member, TODAY.minusDays(1));
        recomputedByAnAdmin(member);
        var token = TestTokens.member(member);
        assertThat(metricsOf(token, member).getInt("streak.current")).isEqualTo(1);
        assertThat(rosterStreaks(mentor)).containsExactly(1);
        assertThat(metricsOf(token, member).getInt("streak.current"))
                .as("cached")
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(changes::live);
        assertThat(rosterStreaks(mentor)).as("cached, nothing announced since").containsExactly(1);

        // another replica: the warehouse's rows recomputed, this service not told
        checkin(habit, member, TODAY.minusDays(2));
        checkin(habit, member, TODAY.minusDays(3));
        long seen = changes.seen();
        try (var c = ProxiedDatabaseResource.connect()) {
            new StreamedEngine().refresh(c, NOW, List.of(member));
        }

        assertThat(metricsOf(token, member).getInt("streak.current")).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(rosterStreaks(mentor)).containsExactly(3));
        assertThat(changes.seen()).as("the commit announced").isGreaterThan(seen);
    }

    @Inject
    Recomputation recomputation;

    /**
     * Another replica's step of a check-in that moves one habit but not the member's own streak (their best
     * habit's): what this replica answers next is the habit as stepped, not what it had cached (its cache is keyed
     * by when the member's metrics were last written, and the step writes that too).
     */
    @Test
    void whatAnotherReplicaSteppedIsWhatThisOneAnswersNextThoughTheMembersStreakStayed() throws Exception {
        var member = member(UUID.randomUUID());
        var best = dailyHabit(member, TODAY.minusDays(6));
        var other = dailyHabit(member, TODAY.minusDays(6));
        checkin(best, member, TODAY.minusDays(3));
        checkin(best, member, TODAY.minusDays(2));
        checkin(best, member, TODAY.minusDays(1));
        checkin(other, member, TODAY.minusDays(1));
        recomputedByAnAdmin(member);
        var token = TestTokens.member(member);
        var cached = metricsOf(token, member); // read once: this replica caches it
        assertThat(habitStreak(cached, other)).isEqualTo(1);
        assertThat(cached.getInt("streak.current")).isEqualTo(3);

        // another replica steps today's check-in of the other habit (this one is not told): 2, the member's still 3
        checkin(other, member, TODAY);
        assertThat(recomputation.afterBatch(Map.of(member, TODAY), List.of(), NOW))
                .isEqualTo(1);

        var next = metricsOf(token, member);
        assertThat(habitStreak(next, other)).isEqualTo(2);
        assertThat(habitStreak(next, best)).isEqualTo(3);
        assertThat(next.getInt("streak.current")).isEqualTo(3);
    }

    /** An admin's recomputation of one member (POST /analytics/refresh), answered 204. */
    private static void recomputedByAnAdmin(UUID member) {
        as(TestTokens.admin(UUID.randomUUID()))
                .post("/analytics/refresh?memberId=" + member)
                .then()
                .statusCode(204);
    }

    /** The current streak of one of the member's habits in their metrics. */
    private static int habitStreak(JsonPath metrics, UUID habit) {
        return metrics.getInt("habits.find { it.habitId == '" + habit + "' }.streak.current");
    }

    /** The current streaks of a mentor's roster, as the mentor reads it. */
    private static List<Integer> rosterStreaks(UUID mentor) {
        return as(TestTokens.mentor(mentor))
                .get("/analytics/mentors/" + mentor + "/roster")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("currentStreak", Integer.class);
    }

    @Test
    void cohortsAggregateAMentorsAndAGroupsMenteesForAdminsAndThatMentor() throws Exception {
        var ada = FACTS.mentor("Ada");
        var bea = FACTS.mentor("Bea");
        var morning = FACTS.group("Morning runners", ada);
        var steady = FACTS.member("UTC", ada, morning);
        var slipping = FACTS.member("UTC", ada, morning);
        FACTS.member("UTC", ada, null); // no metrics yet
        var beas = FACTS.member("UTC", bea, null);
        var today = TODAY;
        var steadyHabit = dailyHabit(steady, today.minusDays(6));
        for (int i = 1; i <= 6; i++) {
            checkin(steadyHabit, steady, today.minusDays(i)); // 7-day adherence 6/6
        }
        dailyHabit(slipping, today.minusDays(10)); // never logged: 0/7, HIGH risk
        dailyHabit(beas, today.minusDays(3));
        var admin = TestTokens.admin(UUID.randomUUID());
        for (var m : List.of(steady, slipping, beas)) {
            as(admin).post("/analytics/refresh?memberId=" + m).then().statusCode(204);
        }

        var mentors = as(admin)
                .get("/analytics/cohorts/mentors?size=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        var adas = "items.find { it.id == '" + ada + "' }";
        assertThat(mentors.getString(adas + ".name")).isEqualTo("Ada");
        assertThat(mentors.getInt(adas + ".members")).isEqualTo(3);
        assertThat(mentors.getInt(adas + ".withMetrics")).isEqualTo(2);
        assertThat(mentors.getFloat(adas + ".adherence.'7'")).isEqualTo(0.5f);
        assertThat(mentors.getInt(adas + ".risk.HIGH")).isEqualTo(1);
        assertThat(mentors.getInt(adas + ".risk.LOW")).isEqualTo(1);
        assertThat(mentors.getInt("items.find { it.id == '" + bea + "' }.members"))
                .isEqualTo(1);

        var group = as(TestTokens.mentor(ada))
                .get("/analytics/cohorts/groups/" + morning)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(group.getString("name")).isEqualTo("Morning runners");
        assertThat(group.getInt("members")).isEqualTo(2);
        assertThat(group.getFloat("adherence.'7'")).isEqualTo(0.5f);
        assertThat(group.getFloat("currentStreak")).isEqualTo(3f); // (6 + 0) / 2
        as(admin)
                .get("/analytics/cohorts/groups?size=200")
                .then()
                .statusCode(200)
                .body("items.id", Matchers.hasItem(morning.toString()));
        as(admin)
                .get("/analytics/cohorts/mentors?size=1")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("total", Matchers.greaterThanOrEqualTo(2));

        // their own mentor sees one cohort; another mentor, a member, an unknown id: 404; the overviews: admins only
        as(TestTokens.mentor(ada))
                .get("/analytics/cohorts/mentors/" + ada)
                .then()
                .statusCode(200);
        as(TestTokens.mentor(bea))
                .get("/analytics/cohorts/mentors/" + ada)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.mentor(bea))
                .get("/analytics/cohorts/groups/" + morning)
                .then()
                .statusCode(404);
        as(TestTokens.member(steady))
                .get("/analytics/cohorts/groups/" + morning)
                .then()
                .statusCode(404);
        as(admin).get("/analytics/cohorts/mentors/" + UUID.randomUUID()).then().statusCode(404);
        as(TestTokens.mentor(ada)).get("/analytics/cohorts/mentors").then().statusCode(403);
        as(admin)
                .get("/analytics/cohorts/groups?size=0")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/analytics/cohorts/groups/" + morning).then().statusCode(401);
    }

    @Test
    void aMembersGoalsComeFromGoalServiceWithTheirMetricsAndFromTheWarehouseWhenItCannotAnswer() throws Exception {
        var mentor = UUID.randomUUID();
        var member = member(mentor);
        var today = TODAY;
        var habit = dailyHabit(member, today.minusDays(5));
        for (int i = 1; i <= 3; i++) {
            checkin(habit, member, today.minusDays(i));
        }
        var goal = goalOf(habit);
        recomputedByAnAdmin(member);
        var page = "/goals/user/" + member + "?page=0&size=200";
        GoalServiceStub.answer(
                page,
                200,
                "{\"items\":[{\"id\":\"" + goal + "\",\"memberId\":\"" + member + "\",\"title\":\"Run a 10k\","
                        + "\"description\":\"by spring\",\"status\":\"ACTIVE\",\"subgoals\":[],\"habits\":[{\"id\":\""
                        + habit + "\",\"title\":\"Run\",\"schedule\":{\"type\":\"DAILY\"},\"active\":true}]}],"
                        + "\"page\":0,\"size\":200,\"total\":1}");
        var token = TestTokens.member(member);
        var path = "/dashboard/user/" + member + "/goals";

        var answer = as(token).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("source")).isEqualTo("goal-service");
        assertThat(answer.getString("goals[0].title")).isEqualTo("Run a 10k");
        assertThat(answer.getString("goals[0].description")).isEqualTo("by spring");
        assertThat(answer.getFloat("goals[0].metrics.adherence.'7'"))
                .isEqualTo(0.6f); // 3 of the 5 owed days before today
        assertThat(answer.getInt("goals[0].habits[0].metrics.streak.current")).isEqualTo(3);
        // the caller's token went along: goal-service authorizes too
        assertThat(GoalServiceStub.REQUESTS).contains(new GoalServiceStub.Request(page, TestTokens.bearer(token)));

        as(TestTokens.mentor(mentor)).get(path).then().statusCode(200);
        long asked = GoalServiceStub.asked("/goals/user/" + member);
        as(TestTokens.member(UUID.randomUUID())).get(path).then().statusCode(404);
        as(TestTokens.mentor(UUID.randomUUID())).get(path).then().statusCode(404);
        assertThat(GoalServiceStub.asked("/goals/user/" + member))
                .as("a caller who may not see the member never reaches goal-service")
                .isEqualTo(asked);

        // goal-service refuses (it does not know the member): that answer stands, no retry, no fallback
        var unknownThere = member(mentor);
        as(TestTokens.member(unknownThere))
                .get("/dashboard/user/" + unknownThere + "/goals")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(GoalServiceStub.asked("/goals/user/" + unknownThere)).isEqualTo(1);

        // goal-service fails: retried, then the warehouse's copy, said so; the circuit opens and spares it
        GoalServiceStub.answer(page, 503, "{}");
        var fallback = as(token).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(fallback.getString("source")).isEqualTo("warehouse");
        assertThat(fallback.getString("goals[0].id")).isEqualTo(goal.toString());
        assertThat(fallback.getString("goals[0].title")).isEqualTo("g");
        assertThat(fallback.getString("goals[0].habits[0].schedule.type")).isEqualTo("DAILY");
        assertThat(fallback.getInt("goals[0].habits[0].metrics.streak.current")).isEqualTo(3);
        long afterFirst = GoalServiceStub.asked(page);
        for (int i = 0; i < 4; i++) {
            as(token).get(path).then().statusCode(200).body("source", equalTo("warehouse"));
        }
        long afterMore = GoalServiceStub.asked(page);
        assertThat(afterFirst - asked)
                .as("the first failing call was retried (until the circuit opened)")
                .isGreaterThanOrEqualTo(2);
        assertThat(afterMore - afterFirst)
                .as("once open, the circuit keeps calls off goal-service")
                .isZero();
    }

    @Inject
    Rollover rollover;

    @Inject
    Leases leases;

    @Test
    void aLeaseOfAReplicaThatStoppedIsTakenOnceItExpires() throws Exception {
        var t = Instant.now();
        assertThat(leases.take("test-lease", "replica a", t, Duration.ofMinutes(10)))
                .as("the row is made by the schema only for the rollover")
                .isFalse();
        assertThat(leases.take(Rollover.LEASE, "replica a", t, Duration.ofMinutes(10)))
                .isTrue();
        assertThat(leases.take(Rollover.LEASE, "replica a", t.plusSeconds(60), Duration.ofMinutes(10)))
                .as("its holder takes it again (renews it)")
                .isTrue();
        assertThat(leases.take(Rollover.LEASE, "replica b", t.plusSeconds(600), Duration.ofMinutes(10)))
                .as("held until 11 minutes past")
                .isFalse();
        assertThat(leases.take(Rollover.LEASE, "replica b", t.plusSeconds(661), Duration.ofMinutes(10)))
                .as("expired: replica a stopped without giving it back")
                .isTrue();
        leases.giveBack(Rollover.LEASE, "replica a"); // no longer a's: changes nothing
        assertThat(leases.take(Rollover.LEASE, "replica c", t.plusSeconds(662), Duration.ofMinutes(10)))
                .isFalse();
        leases.giveBack(Rollover.LEASE, "replica b");
        assertThat(leases.take(Rollover.LEASE, "replica c", t.plusSeconds(663), Duration.ofMinutes(10)))
                .as("given back: free")
                .isTrue();
        leases.giveBack(Rollover.LEASE, "replica c");
    }

    @Test
    void afterAMembersMidnightTheRolloverRecomputesThemOnceAndTheQuietDaysGrowWithoutAnEvent() throws Exception {
        var member = member(UUID.randomUUID());
        var today = TODAY;
        var habit = dailyHabit(member, today.minusDays(10));
        checkin(habit, member, today.minusDays(3)); // the last check-in: two days ago as of yesterday
        try (var c = ProxiedDatabaseResource.connect()) {
            WarehouseTestBase.ENGINE.refresh(c, NOW.minus(Duration.ofDays(1)), List.of(member));
        }
        var token = TestTokens.member(member);
        var yesterday = metricsOf(token, member);
        assertThat(yesterday.getString("asOf")).isEqualTo(today.minusDays(1).toString());
        assertThat(yesterday.getList("risk.reasons.code")).doesNotContain("NO_RECENT_CHECKIN");

        // another replica at it (it holds the lease): this one skips the tick
        var realNow = Instant.now();
        assertThat(leases.take(Rollover.LEASE, "another replica", realNow, Duration.ofMinutes(10)))
                .isTrue();
        assertThat(leases.take(Rollover.LEASE, "a third replica", realNow, Duration.ofMinutes(10)))
                .as("held: no one else takes it")
                .isFalse();
        assertThat(rollover.run(NOW)).isEqualTo(-1);
        leases.giveBack(Rollover.LEASE, "another replica");

        assertThat(rollover.run(NOW)).isPositive();
        var now = metricsOf(token, member);
        assertThat(now.getString("asOf")).isEqualTo(today.toString());
        assertThat(now.getList("risk.reasons.code")).contains("NO_RECENT_CHECKIN");
        // nothing but the date changed: the member was stepped by a day, not recomputed
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("goalcoach_analytics_rollover_members_total\\{how=\"stepped\"[^}]*\\} [1-9]");
        // once per local day: looked at again, nobody is due
        assertThat(rollover.run(NOW)).isZero();
    }

    @Test
    void whenTheStepFailsTheRolloverRecomputesInstead() throws Exception {
        var member = member(UUID.randomUUID());
        var today = TODAY;
        dailyHabit(member, today.minusDays(10));
        // an n-per-week habit without its n (goal-service never sends one): the step's strength comes out null and
        // its insert fails; the recomputation counts such a habit as owing nothing
        FACTS.habit(
                member, "TIMES_PER_WEEK", null, null, null, today.minusDays(10).toString(), null, null);
        try (var c = ProxiedDatabaseResource.connect()) {
            WarehouseTestBase.ENGINE.refresh(c, NOW.minus(Duration.ofDays(1)), List.of(member));
        }
        double recomputedBefore = rolloverMembers("recomputed");

        assertThat(rollover.run(NOW)).isPositive();

        var now = metricsOf(TestTokens.member(member), member);
        assertThat(now.getString("asOf")).isEqualTo(today.toString());
        assertThat(rolloverMembers("recomputed")).isGreaterThan(recomputedBefore);
    }

    /** What {@code GET /dashboard/analytics/{member}} answers the bearer of {@code token} (asserted 200). */
    private static JsonPath metricsOf(String token, UUID member) {
        return as(token)
                .get("/dashboard/analytics/" + member)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The rollover counter of members moved {@code how} (stepped or recomputed). */
    private static double rolloverMembers(String how) {
        return metric("goalcoach_analytics_rollover_members_total", "how=\"" + how + "\"");
    }

    /** The value at /q/metrics of the first series of {@code name} whose labels hold {@code label}; 0 if none. */
    static double metric(String name, String label) {
        var m = Pattern.compile(
                        "(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label) + "[^}]*\\} ([0-9.eE+]+)$")
                .matcher(given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void conventions() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/dashboard/analytics"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("goalcoach_analytics_refresh"));
    }

    private static void awaitCurrentStreak(String token, UUID member, int expected) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> as(token)
                        .get("/dashboard/analytics/" + member)
                        .then()
                        .statusCode(200)
                        .body("habits[0].streak.current", equalTo(expected)));
    }

    /** A batch notice naming {@code member}, as sync-service publishes one after a warehouse commit. */
    static void notice(UUID member) {
        TestPublisher.publish(
                EventCatalog.WAREHOUSE_BATCH_COMMITTED,
                member,
                UUID.randomUUID(),
                new WarehouseBatchCommitted(UUID.randomUUID(), List.of(member), 1, NOW, NOW));
    }

    /** A batch notice naming {@code member}, whose changes were check-ins of {@code day} and later. */
    static void notice(UUID member, LocalDate day) {
        TestPublisher.publish(
                EventCatalog.WAREHOUSE_BATCH_COMMITTED,
                member,
                UUID.randomUUID(),
                new WarehouseBatchCommitted(
                        UUID.randomUUID(),
                        List.of(member),
                        1,
                        NOW,
                        NOW,
                        List.of(new WarehouseBatchCommitted.FactsOnly(member, day))));
    }

    private static final Facts FACTS = new Facts(AnalyticsApiTest::exec);

    private static UUID member(UUID mentor) throws SQLException {
        return FACTS.member("UTC", mentor, null);
    }

    private static UUID dailyHabit(UUID member, LocalDate start) throws SQLException {
        return FACTS.dailyHabit(member, start);
    }

    private static void checkin(UUID habit, UUID member, LocalDate day) throws SQLException {
        FACTS.log(habit, day.toString(), "DONE", null);
    }

    private static UUID goalOf(UUID habit) throws SQLException {
        try (var c = ProxiedDatabaseResource.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("select goal_id from dim_habits where habit_id = '" + habit + "'")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    static void exec(String sql) throws SQLException {
        try (var c = ProxiedDatabaseResource.connect();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
