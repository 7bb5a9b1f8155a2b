package dev.goalcoach.coach;

import static dev.goalcoach.testkit.Requests.as;
import static dev.goalcoach.testkit.Requests.asMember;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.goalcoach.coach.offline.OfflineCoach;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat with the offline coach: replies grounded in the member's numbers, degraded context, history, bad input. */
@ClockAt(value = ChatTest.TODAY, running = true)
@QuarkusTest
class ChatTest {

    /**
     * The chat tests' day: Wednesday 2026-11-25 in New York (01:00), Lisbon (06:00) and Tokyo (15:00) alike. The clock
     * runs from it (the history's order is the order of its timestamps) and stays on that day for hours.
     */
    static final String TODAY = "2026-11-25T06:00:00Z";

    /** A member with one goal (Run on Mondays and Fridays, Stretch daily) and metrics as analytics-service gives them. */
    static UUID memberWithNumbers(String timezone, double adherence7, int streak, int longest) throws Exception {
        var member = Given.member(timezone, null, null);
        var run = UUID.randomUUID();
        var stretch = UUID.randomUUID();
        var start = "2026-10-16";
        UpstreamStub.GOALS.put(
                member,
                List.of(Map.of(
                        "id",
                        UUID.randomUUID().toString(),
                        "memberId",
                        member.toString(),
                        "title",
                        "Run a 10k",
                        "status",
                        "ACTIVE",
                        "planStatus",
                        "READY",
                        "habits",
                        List.of(
                                Map.of(
                                        "id",
                                        run.toString(),
                                        "title",
                                        "Run",
                                        "startDate",
                                        start,
                                        "active",
                                        true,
                                        "schedule",
                                        Map.of("type", "WEEKDAYS", "days", List.of("MONDAY", "FRIDAY"))),
                                Map.of(
                                        "id",
                                        stretch.toString(),
                                        "title",
                                        "Stretch",
                                        "startDate",
                                        start,
                                        "active",
                                        true,
                                        "schedule",
                                        Map.of("type", "DAILY"))))));
        UpstreamStub.METRICS.put(
                member,
                Map.of(
                        "memberId", member.toString(),
                        "asOf", "2026-11-25",
                        "adherence", Map.of("7", adherence7, "30", 0.8, "90", 0.75),
                        "streak", Map.of("current", streak, "longest", longest, "unit", "day"),
                        "risk", Map.of("score", 20, "level", "low", "reasons", List.of()),
                        "goals", List.of(),
                        "habits",
                                List.of(
                                        Map.of(
                                                "habitId",
                                                run.toString(),
                                                "adherence",
                                                Map.of("7", 0.5),
                                                "strength",
                                                0.42,
                                                "streak",
                                                Map.of("current", 0, "longest", 3, "unit", "day")),
                                        Map.of(
                                                "habitId",
                                                stretch.toString(),
                                                "adherence",
                                                Map.of("7", 1.0),
                                                "strength",
                                                0.81,
                                                "streak",
                                                Map.of("current", 6, "longest", 6, "unit", "day")))));
        return member;
    }

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void servicesBackUp() {
        UpstreamStub.goalServiceDown = false;
        UpstreamStub.analyticsDown = false;
        breakers.resetAll(); // a test that took a service down leaves its circuits closed for the next
    }

    @Test
    void howAmIDoingIsAnsweredWithTheMembersOwnNumbersAndKept() throws Exception {
        var member = memberWithNumbers("America/New_York", 0.7143, 4, 9);
        String token = TestTokens.member(member);

        as(token)
                .body(Map.of("message", "How am I doing?"))
                .post("/chat/")
                .then()
                .statusCode(200)
                .body("reply", containsString("Your 7-day adherence is 71 %"))
                .body("reply", containsString("current streak is 4 days (longest: 9 days)"))
                .body("reply", containsString("Strongest habit: Stretch"))
                .body("provider", equalTo("offline"))
                .body("model", equalTo(OfflineCoach.MODEL))
                .body("fallback", equalTo(false))
                .body("degraded", equalTo(false))
                .body("contextUsed.metrics", equalTo("analytics-service"))
                .body("contextUsed.goals", equalTo("goal-service"))
                .body("latencyMs", notNullValue());
        assertThat(UpstreamStub.REQUESTS)
                .filteredOn(r -> r[0].contains(member.toString()))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r[1]).isEqualTo("Bearer " + token));

        as(token)
                .get("/chat/" + member + "/history")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items", hasSize(2))
                .body("items[0].role", equalTo("COACH"))
                .body("items[0].provider", equalTo("offline"))
                .body("items[0].contextUsed.metrics", equalTo("analytics-service"))
                .body("items[1].role", equalTo("MEMBER"))
                .body("items[1].text", equalTo("How am I doing?"));
        as(token)
                .get("/chat/" + member + "/history?page=1&size=1")
                .then()
                .statusCode(200)
                .body("items[0].role", equalTo("MEMBER"));
    }

    @Test
    void aServiceThatKeepsFailingIsSparedOnceItsCircuitOpens() throws Exception {
        UpstreamStub.analyticsDown = true;
        // four chats (each call to analytics-service tried twice) fail more than half of the last four calls
        for (int i = 0; i < 4; i++) {
            asMember(memberWithNumbers("Europe/Paris", 0.5, 1, 1))
                    .body(Map.of("message", "how am i doing"))
                    .post("/chat/")
                    .then()
                    .statusCode(200)
                    .body("contextUsed.metrics", equalTo("unavailable"));
        }
        long asked = analyticsCalls();
        for (int i = 0; i < 3; i++) {
            asMember(memberWithNumbers("Europe/Paris", 0.5, 1, 1))
                    .body(Map.of("message", "how am i doing"))
                    .post("/chat/")
                    .then()
                    .statusCode(200)
                    .body("contextUsed.metrics", equalTo("unavailable"));
        }
        assertThat(analyticsCalls())
                .as("once open (application.properties: 4 calls, half failing), the circuit keeps calls off it")
                .isEqualTo(asked);
    }

    private static long analyticsCalls() {
        return UpstreamStub.REQUESTS.stream()
                .filter(r -> r[0].startsWith("/dashboard/analytics/"))
                .count();
    }

    @Test
    void whenAServiceIsDownTheReplySaysWhatItCouldNotSee() throws Exception {
        var member = memberWithNumbers("Asia/Tokyo", 0.9, 12, 12);
        UpstreamStub.analyticsDown = true;

        asMember(member)
                .body(Map.of("message", "how am i doing"))
                .post("/chat/")
                .then()
                .statusCode(200)
                .body("degraded", equalTo(true))
                .body("contextUsed.metrics", equalTo("unavailable"))
                .body("contextUsed.goals", equalTo("goal-service"))
                .body("reply", containsString("couldn't reach your latest numbers"))
                .body("reply", not(containsString("%")));

        UpstreamStub.analyticsDown = false;
        UpstreamStub.goalServiceDown = true;
        asMember(member)
                .body(Map.of("message", "what should I do today?"))
                .post("/chat/")
                .then()
                .statusCode(200)
                .body("degraded", equalTo(true))
                .body("contextUsed.goals", equalTo("unavailable"))
                .body("reply", containsString("I can't see your plan right now"));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() throws Exception {
        var member = Given.member("UTC", null, null);
        for (var body : List.<Map<String, Object>>of(
                Map.of("message", ""),
                Map.of("message", "   \n "),
                Map.of("message", "x".repeat(4001)),
                Map.of(),
                Map.of("message", "hi", "mood", 3))) {
            asMember(member)
                    .body(body)
                    .post("/chat/")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", notNullValue());
        }
        asMember(member)
                .body(Map.of("message", "x".repeat(4000)))
                .post("/chat/")
                .then()
                .statusCode(200);
        // as another member: their conversation does not exist for you
        asMember(member)
                .body(Map.of("message", "hi", "userId", UUID.randomUUID().toString()))
                .post("/chat/")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("message", "hi"))
                .post("/chat/")
                .then()
                .statusCode(401);
        assertThat(Rows.count("select count(*) from chat_messages where member_id = '" + member + "'"))
                .isEqualTo(2);
    }

    @Test
    void aConversationIsTheMembersOwn() throws Exception {
        var mentor = UUID.randomUUID();
        var member = Given.member("UTC", mentor, null);
        asMember(member).body(Map.of("message", "hello")).post("/chat/").then().statusCode(200);

        asMember(UUID.randomUUID())
                .get("/chat/" + member + "/history")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.mentor(mentor)).get("/chat/" + member + "/history").then().statusCode(404);
        as(TestTokens.admin(UUID.randomUUID()))
                .get("/chat/" + member + "/history")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        asMember(member).get("/chat/" + member + "/history?size=201").then().statusCode(400);
        asMember(member).get("/chat/" + member + "/history?page=-1").then().statusCode(400);
        asMember(member).get("/chat/not-a-uuid/history").then().statusCode(404);
    }

    @Test
    void overTheBudgetTheChatAnswers429() throws Exception {
        var member = Given.member("UTC", null, null);
        Rows.execute("insert into ai_usage (member_id, purpose, provider, model, input_tokens, output_tokens,"
                + " latency_ms, outcome, at) values ('" + member + "', 'chat', 'gemini', 'g', 199000, 1000, 900,"
                + " 'OK', now())");
        asMember(member)
                .body(Map.of("message", "how am I doing?"))
                .post("/chat/")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        assertThat(Rows.count("select count(*) from chat_messages where member_id = '" + member + "'"))
                .isZero();
    }

    @Test
    void aMeasuredHabitsTargetAndLoggedValuesComeFromGoalServiceAndAPremiseIsChecked() throws Exception {
        var member = memberWithNumbers("Europe/Lisbon", 0.7143, 4, 9);
        var screen = UUID.randomUUID();
        var goals = new java.util.ArrayList<Map<String, Object>>(UpstreamStub.GOALS.get(member));
        goals.add(Map.of(
                "id",
                UUID.randomUUID().toString(),
                "memberId",
                member.toString(),
                "title",
                "Less screen",
                "status",
                "ACTIVE",
                "planStatus",
                "READY",
                "habits",
                List.of(Map.of(
                        "id",
                        screen.toString(),
                        "title",
                        "Screen time",
                        "startDate",
                        "2026-10-16",
                        "active",
                        true,
                        "schedule",
                        Map.of("type", "DAILY"),
                        "target",
                        Map.of("value", 2, "unit", "hours", "direction", "AT_MOST")))));
        UpstreamStub.GOALS.put(member, List.copyOf(goals));
        // the member's today is 2026-11-25 in Lisbon: yesterday over the limit, the day before within it
        UpstreamStub.CHECKINS.put(
                member,
                List.of(
                        Map.of("habitId", screen.toString(), "date", "2026-11-24", "status", "DONE", "value", 2.5),
                        Map.of("habitId", screen.toString(), "date", "2026-11-23", "status", "DONE", "value", 1.5)));

        asMember(member)
                .body(Map.of("message", "Did I stay under my screen time limit yesterday?"))
                .post("/chat/")
                .then()
                .statusCode(200)
                .body("reply", containsString("Screen time 2.5 hours, over its limit (at most 2 hours)"));
        asMember(member)
                .body(Map.of("message", "I missed my screen time on Monday"))
                .post("/chat/")
                .then()
                .statusCode(200)
                .body(
                        "reply",
                        containsString("Your check-ins say otherwise: on Monday is logged — Screen time 1.5"
                                + " hours, target kept (at most 2 hours)"));
    }
}
