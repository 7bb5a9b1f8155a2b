package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plan flow on the real broker: goal.created out, plan.generated in, the goal's plan READY. */
@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
class PlanFlowTest {

    private static PlanGenerated plan(UUID goal, UUID member, String outcome, int timesPerWeek) {
        return new PlanGenerated(
                goal,
                member,
                outcome,
                "offline",
                "rules-v1",
                "Three short sessions fit the time you have",
                List.of(new PlanGenerated.PlannedSubgoal("First 20 words", LocalDate.of(2026, 12, 15))),
                List.of(
                        new PlanGenerated.PlannedHabit(
                                "Flashcards",
                                "TIMES_PER_WEEK",
                                null,
                                timesPerWeek,
                                null,
                                null,
                                new BigDecimal("20"),
                                "minutes",
                                "AT_LEAST",
                                List.of("07:30")),
                        new PlanGenerated.PlannedHabit(
                                "Podcast", "WEEKDAYS", List.of("SATURDAY"), null, null, null, null, null, null, null)),
                TestNow.instant());
    }

    private static String pendingGoal(UUID member) {
        return as(TestTokens.member(member))
                .body(Map.of(
                        "title", "Learn Spanish", "theme", "LEARNING", "constraints", Map.of("minutesPerWeek", 60)))
                .post("/goals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aGeneratedPlanBecomesTheGoalsHabitsOnce() {
        var member = Given.member("Europe/Rome", null);
        var goal = UUID.fromString(pendingGoal(member));
        var created =
                PublishedRecords.await(Topics.GOALS, r -> r.key().equals(member.toString()), 1, Duration.ofSeconds(20));
        assertThat(created)
                .extracting(PublishedRecords.Published::type)
                .containsExactly(EventCatalog.GOAL_CREATED.type());

        var eventId = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.PLAN_GENERATED, member, eventId, plan(goal, member, "READY", 3));
        TestPublisher.publish(EventCatalog.PLAN_GENERATED, member, eventId, plan(goal, member, "READY", 3)); // again

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(TestTokens.member(member))
                        .get("/goals/" + goal)
                        .then()
                        .body("planStatus", equalTo("READY")));
        as(TestTokens.member(member))
                .get("/goals/" + goal)
                .then()
                .body("habits", hasSize(2))
                .body("habits[0].schedule.timesPerWeek", equalTo(3))
                .body("habits[0].reminderTimes[0]", equalTo("07:30"))
                .body("subgoals[0].title", equalTo("First 20 words"));
        var updated = PublishedRecords.await(
                Topics.GOALS,
                r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.GOAL_UPDATED.type()),
                1,
                Duration.ofSeconds(20));
        assertThat(updated.get(0).dataAsString())
                .contains("\"planStatus\":\"READY\"")
                .contains("Flashcards");
    }

    @Test
    void aMembersOwnPlanIsNeverReplacedAndInvalidPlansGoToTheDeadLetterTopic() throws Exception {
        var member = Given.member("UTC", null);
        var manual = UUID.fromString(Given.goalWithHabits(member, "2026-11-01").goalId());
        var pending = UUID.fromString(pendingGoal(member));
        var ignored = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.PLAN_GENERATED, member, ignored, plan(manual, member, "READY", 3));
        // eight runs a week is no schedule: the contract refuses it
        var invalid = UUID.randomUUID();
        TestPublisher.publishRaw(
                Topics.COACH,
                member.toString(),
                EventCatalog.PLAN_GENERATED.type(),
                invalid,
                EventJson.write(plan(pending, member, "READY", 8)));
        TestPublisher.publish(
                EventCatalog.PLAN_GENERATED, member, UUID.randomUUID(), plan(pending, member, "FALLBACK", 2));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(TestTokens.member(member))
                        .get("/goals/" + pending)
                        .then()
                        .body("planStatus", equalTo("FALLBACK"))
                        .body("habits[0].schedule.timesPerWeek", equalTo(2)));
        as(TestTokens.member(member))
                .get("/goals/" + manual)
                .then()
                .body("planStatus", equalTo("MANUAL"))
                .body("habits[0].title", equalTo("Stretch"));
        var dead = PublishedRecords.await(
                Topics.DLQ, r -> invalid.toString().equals(r.ce().get("id")), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).headers().get("dead-letter-reason")).contains("schema");
    }
}
