package dev.goalcoach.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replica keeps at most {@code GOALCOACH_ANALYTICS_CACHED_MEMBERS} members' metrics read (here two): reading more
 * evicts, what was evicted is read from the warehouse again, and the cache's size and evictions are in the metrics.
 */
@ClockAt(BoundedCacheTest.AT)
@QuarkusTest
@TestProfile(BoundedCacheTest.TwoMembers.class)
class BoundedCacheTest {

    static final String AT = "2026-11-25T12:00:00Z";

    /** A cache of two members. */
    public static class TwoMembers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("goalcoach.analytics.cached-members", "2");
        }
    }

    private static final Facts FACTS = new Facts(AnalyticsApiTest::exec);

    @Test
    void readingMoreMembersThanTheBoundEvictsAndEveryReadStillAnswers() throws Exception {
        var members = new ArrayList<UUID>();
        for (int i = 0; i < 5; i++) {
            var member = FACTS.member("UTC", null, null);
            FACTS.log(FACTS.dailyHabit(member, LocalDate.parse("2026-11-15")), "2026-11-24", "DONE", null);
            members.add(member);
        }
        try (var c = ProxiedDatabaseResource.connect()) {
            WarehouseTestBase.ENGINE.refresh(c, Instant.parse(AT), members);
        }
        double evictionsBefore = metric("cache_evictions_total");

        for (int round = 0; round < 2; round++) {
            for (var member : members) {
                int streak = given().auth()
                        .oauth2(TestTokens.member(member))
                        .get("/dashboard/analytics/" + member)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("habits[0].streak.current");
                assertThat(streak)
                        .as("evicted or not, the metrics read are the member's")
                        .isEqualTo(1);
                assertThat(metric("cache_size")).isLessThanOrEqualTo(2);
            }
        }

        assertThat(metric("cache_evictions_total") - evictionsBefore).isGreaterThanOrEqualTo(3);
        assertThat(metric("cache_size")).isEqualTo(2.0);
    }

    /** The members cache's series of a metric. */
    private static double metric(String name) {
        return AnalyticsApiTest.metric(name, "cache=\"analytics-members\"");
    }
}
