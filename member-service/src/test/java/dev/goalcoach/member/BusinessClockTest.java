package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.goalcoach.clock.ServiceClock;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The business clock every service has (web-kit): where the tests start it, and an admin moving it in the test
 * profile (as in dev) while tokens stay on the real clock.
 */
@QuarkusTest
class BusinessClockTest {

    private static String admin() {
        return Api.adminToken();
    }

    @Inject
    ServiceClock clock;

    @Test
    void theServiceClockStartsWhereTheTestClockDoes() {
        // GOALCOACH_TEST_NOW, when set, reaches the application through the test kit's config source
        Instant now = Instant.parse(as(admin())
                .get("/admin/clock")
                .then()
                .statusCode(200)
                .body("adjustable", equalTo(true))
                .body("offset", equalTo(TestNow.offset().toString()))
                .extract()
                .path("now"));
        assertThat(Duration.between(TestNow.instant(), now).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void anAdminMovesTheBusinessClockAndTokensStayOnTheRealOne() {
        as(admin())
                .body(Map.of("now", "2030-01-01T09:00:00Z"))
                .put("/admin/clock")
                .then()
                .statusCode(200)
                .body("now", startsWith("2030-01-01T09:0"));

        // the member's record is dated by the business clock; their token (issued and checked on the real clock)
        // works as ever
        var email = Api.uniqueEmail("timetraveller");
        var id = Api.register(email, "Europe/Vienna");
        as(Api.login(email, "Correct-horse-9"))
                .get("/members/" + id)
                .then()
                .statusCode(200)
                .body("createdAt", startsWith("2030-01-01T09:0"));

        as(admin())
                .body(Map.of("offset", "-P1D"))
                .put("/admin/clock")
                .then()
                .statusCode(200)
                .body("offset", equalTo("PT-24H"));
        // an offset is from the real time
        assertThat(Duration.between(Instant.now().minus(Duration.ofDays(1)), clock.instant())
                        .abs())
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void onlyAnAdminMovesItAndABadChangeIsAProblemThatChangesNothing() {
        as(TestTokens.member(UUID.randomUUID())).get("/admin/clock").then().statusCode(403);
        as(TestTokens.mentor(UUID.randomUUID()))
                .body(Map.of("offset", "P1D"))
                .put("/admin/clock")
                .then()
                .statusCode(403);
        anonymous().get("/admin/clock").then().statusCode(401);
        for (var body : new Object[] {
            Map.of(), Map.of("offset", "3 days"), Map.of("offset", "P1D", "now", "2030-01-01T00:00:00Z"), "{\"now\": 5"
        }) {
            as(admin()).body(body).put("/admin/clock").then().statusCode(400).contentType("application/problem+json");
        }
        as(admin())
                .get("/admin/clock")
                .then()
                .statusCode(200)
                .body("offset", equalTo(TestNow.offset().toString()));
    }
}
