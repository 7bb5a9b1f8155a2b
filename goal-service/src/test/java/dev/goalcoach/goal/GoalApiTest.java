package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
class GoalApiTest {

    @Test
    void aGoalWithHabitsIsAManualPlanAndIsPublishedWhole() {
        var member = Given.member("Europe/Madrid", null);
        var ids = Given.goalWithHabits(member, "2026-11-01");

        as(TestTokens.member(member))
                .get("/goals/" + ids.goalId())
                .then()
                .statusCode(200)
                .body("planStatus", equalTo("MANUAL"))
                .body("status", equalTo("ACTIVE"))
                .body("habits", hasSize(2))
                .body("habits[1].schedule.timesPerWeek", equalTo(3))
                .body("habits[1].target.direction", equalTo("AT_LEAST"));

        var events =
                PublishedRecords.await(Topics.GOALS, r -> r.key().equals(member.toString()), 1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).type()).isEqualTo(EventCatalog.GOAL_CREATED.type());
        assertThat(EventSchemas.problems(
                        EventCatalog.GOAL_CREATED, events.get(0).data()))
                .isEmpty();
        assertThat(events.get(0).dataAsString())
                .contains("\"planStatus\":\"MANUAL\"")
                .contains("TIMES_PER_WEEK");
    }

    @Test
    void aGoalWithoutHabitsWaitsForTheCoachsPlan() {
        var member = Given.member("Asia/Kolkata", null);
        as(TestTokens.member(member))
                .body(Map.of(
                        "title", "Learn Spanish",
                        "theme", "LEARNING",
                        "constraints", Map.of("minutesPerWeek", 120, "unavailableDays", List.of("SUNDAY"))))
                .post("/goals/")
                .then()
                .statusCode(201)
                .body("planStatus", equalTo("PENDING"))
                .body("constraints.minutesPerWeek", equalTo(120))
                .body("habits", hasSize(0));
    }

    @Test
    void theMemberTheirMentorAndAnAdminSeeAGoalOthersDoNot() {
        var mentor = Given.mentor();
        var member = Given.member("UTC", mentor);
        var stranger = Given.member("UTC", null);
        var goal = Given.goalWithHabits(member, "2026-11-01").goalId();

        as(TestTokens.member(member)).get("/goals/" + goal).then().statusCode(200);
        as(TestTokens.mentor(mentor)).get("/goals/" + goal).then().statusCode(200);
        as(TestTokens.admin(UUID.randomUUID())).get("/goals/" + goal).then().statusCode(200);
        as(TestTokens.member(stranger)).get("/goals/" + goal).then().statusCode(404);
        as(TestTokens.mentor(UUID.randomUUID())).get("/goals/" + goal).then().statusCode(404);
        as(TestTokens.member(member))
                .get("/goals/user/" + member)
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        as(TestTokens.mentor(mentor)).get("/goals/user/" + member).then().statusCode(200);
        as(TestTokens.member(stranger)).get("/goals/user/" + member).then().statusCode(404);
        RestAssured.get("/goals/" + goal).then().statusCode(401);

        // a mentor reads but does not change
        as(TestTokens.mentor(mentor))
                .body(Map.of("title", "Mine now"))
                .put("/goals/" + goal)
                .then()
                .statusCode(403);
        as(TestTokens.member(stranger)).delete("/goals/" + goal).then().statusCode(404);
        as(TestTokens.member(member)).get("/goals/" + goal).then().body("title", equalTo("Run a 10k"));
    }

    @Test
    void updatingAndDeletingAGoalArePublished() {
        var member = Given.member("UTC", null);
        var goal = Given.goalWithHabits(member, "2026-11-01").goalId();
        var token = TestTokens.member(member);

        as(token)
                .body(Map.of("status", "PAUSED", "title", "Run a 10k, slowly"))
                .put("/goals/" + goal)
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"));
        as(token).delete("/goals/" + goal).then().statusCode(204);
        as(token).get("/goals/" + goal).then().statusCode(404);

        var events =
                PublishedRecords.await(Topics.GOALS, r -> r.key().equals(member.toString()), 3, Duration.ofSeconds(20));
        assertThat(events)
                .extracting(PublishedRecords.Published::type)
                .containsExactly(
                        EventCatalog.GOAL_CREATED.type(),
                        EventCatalog.GOAL_UPDATED.type(),
                        EventCatalog.GOAL_DELETED.type());
    }

    @Test
    void badPlansAreRefusedAndNothingIsWritten() throws Exception {
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        long before = Rows.count("select count(*) from goals") + Given.eventsOf(member);
        for (var schedule : List.of(
                Map.of("type", "TIMES_PER_WEEK", "timesPerWeek", 0),
                Map.of("type", "TIMES_PER_WEEK", "timesPerWeek", 8),
                Map.of("type", "WEEKDAYS", "days", List.of()),
                Map.of("type", "EVERY_N_DAYS", "everyNDays", 0),
                Map.of("type", "HOURLY"))) {
            as(token)
                    .body(Map.of(
                            "title", "Bad",
                            "theme", "HEALTH",
                            "habits", List.of(Map.of("title", "x", "schedule", schedule))))
                    .post("/goals")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        as(token)
                .body(Map.of("title", "", "theme", "HEALTH"))
                .post("/goals")
                .then()
                .statusCode(400);
        as(token)
                .body(Map.of("title", "x", "theme", "ASTROLOGY"))
                .post("/goals")
                .then()
                .statusCode(400);
        as(token)
                .body(Map.of("title", "x", "theme", "HEALTH", "targetDate", "next week"))
                .post("/goals")
                .then()
                .statusCode(400);
        as(token)
                .body(Map.of(
                        "title",
                        "x",
                        "theme",
                        "HEALTH",
                        "memberId",
                        UUID.randomUUID().toString()))
                .post("/goals")
                .then()
                .statusCode(403);
        assertThat(Rows.count("select count(*) from goals") + Given.eventsOf(member))
                .isEqualTo(before);
    }

    @Test
    void aMembersGoalsAreListedEachWithItsOwnPlan() {
        var member = Given.member("UTC", null);
        var first = Given.goalWithHabits(member, "2026-11-01");
        as(TestTokens.member(member))
                .body(Map.of(
                        "title",
                        "Sleep",
                        "theme",
                        "HEALTH",
                        "subgoals",
                        List.of(Map.of("title", "Lights out by 23:00")),
                        "habits",
                        List.of(Map.of("title", "No screens", "schedule", Map.of("type", "DAILY")))))
                .post("/goals")
                .then()
                .statusCode(201);

        as(TestTokens.member(member))
                .get("/goals/user/" + member + "?size=1")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items", hasSize(1));
        as(TestTokens.member(member))
                .get("/goals/user/" + member)
                .then()
                .body("items[0].id", equalTo(first.goalId()))
                .body("items[0].habits", hasSize(2))
                .body("items[0].subgoals", hasSize(0))
                .body("items[1].title", equalTo("Sleep"))
                .body("items[1].habits", hasSize(1))
                .body("items[1].habits[0].title", equalTo("No screens"))
                .body("items[1].subgoals[0].title", equalTo("Lights out by 23:00"));
    }

    @Test
    void aMemberNotYetKnownHereIsAskedToRetry() {
        as(TestTokens.member(UUID.randomUUID()))
                .body(Map.of("title", "Early", "theme", "OTHER"))
                .post("/goals")
                .then()
                .statusCode(503)
                .header("Retry-After", "1")
                .contentType("application/problem+json");
    }
}
