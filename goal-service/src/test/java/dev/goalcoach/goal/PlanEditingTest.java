package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
class PlanEditingTest {

    @Test
    void aHabitAddedWithoutAStartDateStartsOnTheMembersToday() {
        // 12:00 UTC on 2026-11-25 is 01:00 on the 26th in Auckland
        var kiwi = Given.member("Pacific/Auckland", null);
        var goal = Given.goalWithHabits(kiwi, "2026-11-01").goalId();
        as(TestTokens.member(kiwi))
                .body(Map.of("title", "Swim", "schedule", Map.of("type", "DAILY")))
                .post("/goals/" + goal + "/habits")
                .then()
                .statusCode(200)
                .body("habits[2].title", equalTo("Swim"))
                .body("habits[2].startDate", equalTo("2026-11-26"));
    }

    @Test
    void theMemberEditsHabitsAndSubgoalsAndEachChangeIsPublished() {
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var ids = Given.goalWithHabits(member, "2026-11-01");
        var goal = ids.goalId();

        as(token)
                .body(Map.of(
                        "schedule",
                        Map.of("type", "WEEKDAYS", "days", List.of("MONDAY", "FRIDAY")),
                        "reminderTimes",
                        List.of("18:45", "07:05")))
                .put("/habits/" + ids.dailyHabit())
                .then()
                .statusCode(200)
                .body("habits[0].schedule.type", equalTo("WEEKDAYS"))
                .body("habits[0].reminderTimes", equalTo(List.of("07:05", "18:45")));
        as(token)
                .body(Map.of("active", false))
                .put("/habits/" + ids.measuredHabit())
                .then()
                .statusCode(200)
                .body("habits[1].active", equalTo(false));
        as(token)
                .body(Map.of("title", "Swim", "schedule", Map.of("type", "EVERY_N_DAYS", "everyNDays", 2)))
                .post("/goals/" + goal + "/habits")
                .then()
                .statusCode(200)
                .body("habits", hasSize(3))
                .body("habits[2].title", equalTo("Swim"));
        String subgoal = as(token)
                .body(Map.of("title", "First 5k"))
                .post("/goals/" + goal + "/subgoals")
                .then()
                .statusCode(200)
                .extract()
                .path("subgoals[0].id");
        as(token)
                .body(Map.of("done", true))
                .put("/goals/" + goal + "/subgoals/" + subgoal)
                .then()
                .statusCode(200)
                .body("subgoals[0].done", equalTo(true));

        // an inactive habit takes no more check-ins
        as(token)
                .body(Map.of("habitId", ids.measuredHabit(), "value", 10))
                .post("/checkins")
                .then()
                .statusCode(409);

        var updates = PublishedRecords.await(
                Topics.GOALS,
                r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.GOAL_UPDATED.type()),
                5,
                Duration.ofSeconds(20));
        assertThat(updates).hasSize(5);
        assertThat(updates.get(4).dataAsString()).contains("\"done\":true").contains("EVERY_N_DAYS");
    }

    @Test
    void othersCannotEditAPlanAndBadSchedulesAreRefused() {
        var mentor = Given.mentor();
        var member = Given.member("UTC", mentor);
        var stranger = Given.member("UTC", null);
        var ids = Given.goalWithHabits(member, "2026-11-01");

        as(TestTokens.member(stranger))
                .body(Map.of("title", "mine"))
                .put("/habits/" + ids.dailyHabit())
                .then()
                .statusCode(404);
        as(TestTokens.mentor(mentor))
                .body(Map.of("title", "mine"))
                .put("/habits/" + ids.dailyHabit())
                .then()
                .statusCode(403);
        as(TestTokens.member(member))
                .body(Map.of("schedule", Map.of("type", "TIMES_PER_WEEK", "timesPerWeek", 9)))
                .put("/habits/" + ids.dailyHabit())
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.member(member))
                .get("/goals/" + ids.goalId())
                .then()
                .body("habits[0].title", equalTo("Stretch"))
                .body("habits[0].schedule.type", equalTo("DAILY"));
    }
}
