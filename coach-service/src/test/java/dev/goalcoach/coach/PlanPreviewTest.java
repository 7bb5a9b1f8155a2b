package dev.goalcoach.coach;

import static dev.goalcoach.testkit.Requests.asMember;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /coach/plans/preview} with the offline coach: its plan, bad input, the member's budget. */
@ClockAt("2026-11-25T12:00:00Z")
@QuarkusTest
class PlanPreviewTest {

    @Test
    void theOfflineCoachPlansRunThreeTimesAWeekWithin120Minutes() {
        var member = Given.member("Europe/Berlin", null, null);
        asMember(member)
                .body(Map.of("title", "run 3 times a week, 120 minutes a week"))
                .post("/coach/plans/preview")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("READY"))
                .body("provider", equalTo("offline"))
                .body("model", equalTo("rules-v1"))
                .body("weeklyBudget", equalTo(120))
                .body("weeklyMinutes", lessThanOrEqualTo(120))
                .body("habits[0].title", equalTo("Run"))
                .body("habits[0].days", equalTo(List.of("MONDAY", "WEDNESDAY", "FRIDAY")));
    }

    @Test
    void badInputIsAProblemAndNeedsAToken() {
        var member = UUID.randomUUID();
        for (var body : List.<Map<String, Object>>of(
                Map.of(),
                Map.of("title", " "),
                Map.of("title", "x".repeat(201)),
                Map.of("title", "Run", "minutesPerWeek", 0),
                Map.of("title", "Run", "theme", "SPORTS"),
                Map.of("title", "Run", "unavailableDays", List.of("FUNDAY")),
                Map.of("title", "Run", "targetDate", "2020-01-01"),
                Map.of("title", "Run", "colour", "blue"))) {
            asMember(member)
                    .body(body)
                    .post("/coach/plans/preview")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", notNullValue());
        }
        asMember(member)
                .body("{\"title\": ")
                .post("/coach/plans/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "Run"))
                .post("/coach/plans/preview")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .header("Authorization", TestTokens.bearer(TestTokens.expired(member)))
                .body(Map.of("title", "Run"))
                .post("/coach/plans/preview")
                .then()
                .statusCode(401);
    }

    @Test
    void overTheDailyTokenBudgetIsA429WithRetryAfter() throws Exception {
        var member = Given.member("UTC", null, null);
        Rows.execute("insert into ai_usage (member_id, purpose, provider, model, input_tokens, output_tokens,"
                + " latency_ms, outcome, at) values ('" + member + "', 'chat', 'gemini', 'g', 150000, 50000, 900,"
                + " 'OK', now())");
        asMember(member)
                .body(Map.of("title", "Run"))
                .post("/coach/plans/preview")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("budget"));
    }

    @Test
    void moreThanTheRateInAMinuteIsA429WithRetryAfter() {
        var member = Given.member("UTC", null, null);
        for (int i = 0; i < 10; i++) {
            asMember(member)
                    .body(Map.of("title", "Run"))
                    .post("/coach/plans/preview")
                    .then()
                    .statusCode(200);
        }
        asMember(member)
                .body(Map.of("title", "Run"))
                .post("/coach/plans/preview")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("a minute"));
        // another member is not held back
        asMember(Given.member("UTC", null, null))
                .body(Map.of("title", "Run"))
                .post("/coach/plans/preview")
                .then()
                .statusCode(200);
    }
}
