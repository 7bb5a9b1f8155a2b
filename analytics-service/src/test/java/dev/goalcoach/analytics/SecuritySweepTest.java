package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import dev.goalcoach.testkit.SecuritySweep;
import dev.goalcoach.testkit.SecuritySweep.Fixture;
import dev.goalcoach.testkit.SecuritySweep.Target;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** analytics-service's operations, from its OpenAPI document, swept by the test kit's {@link SecuritySweep}. */
@ClockAt(AnalyticsApiTest.AT)
@QuarkusTest
class SecuritySweepTest {

    private static final Facts FACTS = new Facts(SecuritySweepTest::exec);

    private static void exec(String sql) throws SQLException {
        try (var c = ProxiedDatabaseResource.connect();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A member with a mentor, and their token. */
    private record Owner(UUID member, UUID mentor, String token) {}

    private static Owner owner() throws SQLException {
        var mentor = FACTS.mentor("Maya");
        var member = FACTS.member("UTC", mentor, null);
        FACTS.dailyHabit(member, LocalDate.parse("2026-11-15"));
        return new Owner(member, mentor, TestTokens.member(member));
    }

    /** Another member and another mentor, both known to the warehouse. */
    private static List<String> strangers() throws SQLException {
        var mentor = FACTS.mentor("Other");
        return List.of(TestTokens.member(FACTS.member("UTC", mentor, null)), TestTokens.mentor(mentor));
    }

    private static String admin() throws SQLException {
        var admin = FACTS.mentor("Ada");
        exec("update dim_members set role = 'ADMIN' where member_id = '" + admin + "'");
        return TestTokens.admin(admin);
    }

    @Test
    void noOperationLetsAStrangerInOrAnswersBadInputWithA5xx() throws Exception {
        var fixtures = new HashMap<String, Fixture>();
        fixtures.put("GET /dashboard/analytics/{user_id}", () -> {
            var o = owner();
            return new Target("/dashboard/analytics/" + o.member(), o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /dashboard/user/{user_id}/goals", () -> {
            var o = owner();
            GoalServiceStub.answer(
                    "/goals/user/" + o.member() + "?page=0&size=200",
                    200,
                    "{\"items\":[],\"page\":0,\"size\":200,\"total\":0}");
            return new Target("/dashboard/user/" + o.member() + "/goals", o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /analytics/members/{id}/series", () -> {
            var o = owner();
            return new Target(
                    "/analytics/members/" + o.member() + "/series", o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /analytics/mentors/{id}/roster", () -> {
            var o = owner();
            return new Target(
                    "/analytics/mentors/" + o.mentor() + "/roster",
                    TestTokens.mentor(o.mentor()),
                    null,
                    Set.of(200),
                    List.of(o.token(), TestTokens.mentor(FACTS.mentor("Other"))));
        });
        fixtures.put("GET /analytics/cohorts/mentors", () -> {
            owner();
            return new Target("/analytics/cohorts/mentors", admin(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /analytics/cohorts/groups", () -> {
            owner();
            return new Target("/analytics/cohorts/groups", admin(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /analytics/cohorts/mentors/{id}", () -> {
            var o = owner();
            return new Target(
                    "/analytics/cohorts/mentors/" + o.mentor(),
                    TestTokens.mentor(o.mentor()),
                    null,
                    Set.of(200),
                    List.of(o.token(), TestTokens.mentor(FACTS.mentor("Other"))));
        });
        fixtures.put("GET /analytics/cohorts/groups/{id}", () -> {
            var mentor = FACTS.mentor("Maya");
            var group = FACTS.group("Morning runners", mentor);
            var member = FACTS.member("UTC", mentor, group);
            return new Target(
                    "/analytics/cohorts/groups/" + group,
                    TestTokens.mentor(mentor),
                    null,
                    Set.of(200),
                    List.of(TestTokens.member(member), TestTokens.mentor(FACTS.mentor("Other"))));
        });
        fixtures.put("POST /analytics/refresh", () -> {
            var o = owner();
            return new Target(
                    "/analytics/refresh?memberId=" + o.member(), admin(), null, Set.of(204), List.of(o.token()));
        });
        String admin = admin();
        fixtures.putAll(SecuritySweep.clockFixtures(admin, SecuritySweepTest::strangers));

        var report = SecuritySweep.sweep(fixtures);
        System.out.println("analytics-service security sweep: " + report);
        assertThat(report.findings()).as(report.toString()).isEmpty();
        assertThat(report.operations()).isEqualTo(fixtures.size());
    }
}
