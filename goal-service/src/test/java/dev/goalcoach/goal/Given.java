package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.SuggestionProposed;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Members made known to goal-service the way production does it (member events on the broker), and API calls. */
final class Given {

    /** A member in {@code timezone} (with {@code mentorId} or none), once goal-service's directory has them. */
    static UUID member(String timezone, UUID mentorId) {
        return DirectoryMembers.known("MEMBER", timezone, mentorId, null);
    }

    /** How many events goal-service wrote for {@code member}, on every topic it publishes to (published or not). */
    static int eventsOf(UUID member) {
        return PublishedRecords.written(member, Topics.GOALS, Topics.CHECKINS, Topics.JOURNAL)
                .size();
    }

    static UUID mentor() {
        return DirectoryMembers.known("MENTOR", "Europe/Paris", null, null);
    }

    /** A goal's id and its two habits' ids, as goal-service answered them. */
    record TwoHabitGoal(String goalId, String dailyHabit, String measuredHabit) {}

    /** A goal with one daily yes/no habit and one measurable habit (three times a week, 30 minutes). */
    static TwoHabitGoal goalWithHabits(UUID member, String startDate) {
        var body = Map.of(
                "title", "Run a 10k",
                "theme", "FITNESS",
                "habits",
                        List.of(
                                Map.of("title", "Stretch", "schedule", Map.of("type", "DAILY"), "startDate", startDate),
                                Map.of(
                                        "title",
                                        "Run",
                                        "schedule",
                                        Map.of("type", "TIMES_PER_WEEK", "timesPerWeek", 3),
                                        "startDate",
                                        startDate,
                                        "target",
                                        Map.of("value", 30, "unit", "minutes"))));
        var r = as(TestTokens.member(member))
                .body(body)
                .post("/goals")
                .then()
                .statusCode(201)
                .extract();
        return new TwoHabitGoal(r.path("id"), r.path("habits[0].id"), r.path("habits[1].id"));
    }

    private Given() {}

    /** A change to the goal's measurable habit, proposed as coach-service would (on the broker), once stored. */
    static UUID suggestion(UUID member, TwoHabitGoal goal) {
        var p = new SuggestionProposed(
                UUID.randomUUID(),
                UUID.fromString(goal.goalId()),
                member,
                "CHANGE_TARGET",
                UUID.fromString(goal.measuredHabit()),
                null,
                new BigDecimal("40"),
                "Adherence has been above 90% for three weeks",
                "offline",
                "rules-v1",
                TestNow.instant());
        TestPublisher.publish(EventCatalog.SUGGESTION_PROPOSED, member, UUID.randomUUID(), p);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Rows.count("select count(*) from plan_suggestions where id = '" + p.suggestionId() + "'") == 1);
        return p.suggestionId();
    }
}
