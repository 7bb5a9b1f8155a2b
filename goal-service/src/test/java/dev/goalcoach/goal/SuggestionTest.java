package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.events.SuggestionProposed;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
class SuggestionTest {

    private static SuggestionProposed proposal(
            UUID goal, UUID member, String kind, String habit, PlanGenerated.PlannedHabit planned, BigDecimal target) {
        return new SuggestionProposed(
                UUID.randomUUID(),
                goal,
                member,
                kind,
                habit == null ? null : UUID.fromString(habit),
                planned,
                target,
                "Adherence has been above 90% for three weeks",
                "offline",
                "rules-v1",
                TestNow.instant());
    }

    private static void propose(UUID member, SuggestionProposed p) {
        TestPublisher.publish(EventCatalog.SUGGESTION_PROPOSED, member, UUID.randomUUID(), p);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Rows.count("select count(*) from plan_suggestions where id = '" + p.suggestionId() + "'") == 1);
    }

    @Test
    void theMentorAcceptsATargetChangeAndThePlanChanges() {
        var mentor = Given.mentor();
        var member = Given.member("UTC", mentor);
        var ids = Given.goalWithHabits(member, "2026-11-01");
        var goal = UUID.fromString(ids.goalId());
        var p = proposal(goal, member, "CHANGE_TARGET", ids.measuredHabit(), null, new BigDecimal("40"));
        propose(member, p);

        as(TestTokens.member(member))
                .get("/suggestions?goalId=" + goal)
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].status", equalTo("PROPOSED"));
        as(TestTokens.mentor(mentor))
                .body(Map.of("note", "Go for it"))
                .post("/suggestions/" + p.suggestionId() + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("decidedBy", equalTo(mentor.toString()));
        as(TestTokens.member(member)).get("/goals/" + goal).then().body("habits[1].target.value", equalTo(40));
        as(TestTokens.member(member))
                .post("/suggestions/" + p.suggestionId() + "/reject")
                .then()
                .statusCode(409);

        var decided = PublishedRecords.await(
                Topics.GOALS,
                r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.SUGGESTION_DECIDED.type()),
                1,
                Duration.ofSeconds(20));
        assertThat(EventSchemas.problems(
                        EventCatalog.SUGGESTION_DECIDED, decided.get(0).data()))
                .isEmpty();
        assertThat(decided.get(0).dataAsString()).contains("\"decidedByRole\":\"MENTOR\"");
    }

    @Test
    void scheduleChangesAndNewHabitsAreAppliedRejectionsChangeNothingStrangersSeeNothing() {
        var member = Given.member("UTC", null);
        var stranger = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var ids = Given.goalWithHabits(member, "2026-11-01");
        var goal = UUID.fromString(ids.goalId());
        var fiveAWeek = new PlanGenerated.PlannedHabit(
                "Stretch", "TIMES_PER_WEEK", null, 5, null, null, null, null, null, null);
        var schedule = proposal(goal, member, "CHANGE_SCHEDULE", ids.dailyHabit(), fiveAWeek, null);
        var walk = new PlanGenerated.PlannedHabit("Walk", "DAILY", null, null, null, null, null, null, null, null);
        var addition = proposal(goal, member, "ADD_HABIT", null, walk, null);
        var deactivate = proposal(goal, member, "DEACTIVATE_HABIT", ids.measuredHabit(), null, null);
        propose(member, schedule);
        propose(member, addition);
        propose(member, deactivate);

        as(TestTokens.member(stranger))
                .get("/suggestions?goalId=" + goal)
                .then()
                .statusCode(404);
        as(TestTokens.member(stranger))
                .post("/suggestions/" + schedule.suggestionId() + "/accept")
                .then()
                .statusCode(404);

        as(token)
                .post("/suggestions/" + schedule.suggestionId() + "/accept")
                .then()
                .statusCode(200);
        as(token)
                .post("/suggestions/" + addition.suggestionId() + "/accept")
                .then()
                .statusCode(200);
        as(token)
                .body(Map.of("note", "I like running"))
                .post("/suggestions/" + deactivate.suggestionId() + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));

        as(token)
                .get("/goals/" + goal)
                .then()
                .body("habits", hasSize(3))
                .body("habits[0].schedule.type", equalTo("TIMES_PER_WEEK"))
                .body("habits[0].schedule.timesPerWeek", equalTo(5))
                .body("habits[1].active", equalTo(true))
                .body("habits[2].title", equalTo("Walk"));
    }

    @Test
    void aMembersOpenSuggestionsAcrossTheirGoalsInOneRead() {
        var mentor = Given.mentor();
        var member = Given.member("UTC", mentor);
        var stranger = Given.member("UTC", null);
        var first = Given.goalWithHabits(member, "2026-11-01");
        var second = Given.goalWithHabits(member, "2026-11-01");
        var target = proposal(
                UUID.fromString(first.goalId()),
                member,
                "CHANGE_TARGET",
                first.measuredHabit(),
                null,
                new BigDecimal("40"));
        var pause =
                proposal(UUID.fromString(second.goalId()), member, "DEACTIVATE_HABIT", second.dailyHabit(), null, null);
        propose(member, target);
        propose(member, pause);
        as(TestTokens.member(member))
                .post("/suggestions/" + target.suggestionId() + "/reject")
                .then()
                .statusCode(200);

        as(TestTokens.mentor(mentor))
                .get("/suggestions?memberId=" + member + "&status=proposed")
                .then()
                .statusCode(200)
                .body("id", contains(pause.suggestionId().toString()))
                .body("goalId", contains(second.goalId()));
        as(TestTokens.member(member))
                .get("/suggestions?memberId=" + member)
                .then()
                .statusCode(200)
                .body("status", containsInAnyOrder("PROPOSED", "REJECTED"));
        as(TestTokens.member(member))
                .get("/suggestions?goalId=" + first.goalId() + "&status=PROPOSED")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));

        as(TestTokens.member(stranger))
                .get("/suggestions?memberId=" + member)
                .then()
                .statusCode(404);
        for (var bad : new String[] {
            "",
            "?memberId=" + member + "&goalId=" + first.goalId(),
            "?memberId=nope",
            "?memberId=" + member + "&status=MAYBE"
        }) {
            as(TestTokens.member(member))
                    .get("/suggestions" + bad)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }
}
