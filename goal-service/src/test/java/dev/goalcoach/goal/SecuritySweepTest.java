package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.SecuritySweep;
import dev.goalcoach.testkit.SecuritySweep.Fixture;
import dev.goalcoach.testkit.SecuritySweep.Target;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** goal-service's operations, from its OpenAPI document, swept by the test kit's {@link SecuritySweep}. */
@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
class SecuritySweepTest {

    private static final String START = "2026-11-01";

    /** A member with a two-habit goal. */
    private record Owner(UUID id, String token, Given.TwoHabitGoal goal) {}

    private static Owner owner() {
        UUID id = Given.member("UTC", null);
        return new Owner(id, TestTokens.member(id), Given.goalWithHabits(id, START));
    }

    private static List<String> strangers() {
        return List.of(TestTokens.member(Given.member("UTC", null)), TestTokens.mentor(Given.mentor()));
    }

    private static String checkin(Owner o) {
        return as(o.token())
                .body(Map.of("habitId", o.goal().dailyHabit()))
                .post("/checkins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String journal(Owner o) {
        return as(o.token())
                .body(Map.of("text", "A quiet day", "mood", 3))
                .post("/journal")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static UUID suggestion(Owner o) {
        return Given.suggestion(o.id(), o.goal());
    }

    @Test
    void noOperationLetsAStrangerInOrAnswersBadInputWithA5xx() throws Exception {
        var fixtures = new HashMap<String, Fixture>();
        fixtures.put("POST /goals", () -> {
            var o = owner();
            return new Target(
                    "/goals", o.token(), Map.of("title", "Read more", "theme", "LEARNING"), Set.of(201), List.of());
        });
        fixtures.put("GET /goals/{goalId}", () -> {
            var o = owner();
            return new Target("/goals/" + o.goal().goalId(), o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /export/members/{memberId}", () -> {
            var o = owner();
            return new Target("/export/members/" + o.id(), o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /goals/user/{userId}", () -> {
            var o = owner();
            return new Target("/goals/user/" + o.id(), o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("PUT /goals/{goalId}", () -> {
            var o = owner();
            return new Target(
                    "/goals/" + o.goal().goalId(), o.token(), Map.of("title", "Run a 5k"), Set.of(200), strangers());
        });
        fixtures.put("DELETE /goals/{goalId}", () -> {
            var o = owner();
            return new Target("/goals/" + o.goal().goalId(), o.token(), null, Set.of(204), strangers());
        });
        fixtures.put("POST /goals/{goalId}/habits", () -> {
            var o = owner();
            return new Target(
                    "/goals/" + o.goal().goalId() + "/habits",
                    o.token(),
                    Map.of("title", "Walk", "schedule", Map.of("type", "DAILY")),
                    Set.of(200),
                    strangers());
        });
        fixtures.put("POST /goals/{goalId}/subgoals", () -> {
            var o = owner();
            return new Target(
                    "/goals/" + o.goal().goalId() + "/subgoals",
                    o.token(),
                    Map.of("title", "First 5k"),
                    Set.of(200),
                    strangers());
        });
        fixtures.put("PUT /goals/{goalId}/subgoals/{subgoalId}", () -> {
            var o = owner();
            String subgoal = as(o.token())
                    .body(Map.of("title", "First 5k"))
                    .post("/goals/" + o.goal().goalId() + "/subgoals")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("subgoals[0].id");
            return new Target(
                    "/goals/" + o.goal().goalId() + "/subgoals/" + subgoal,
                    o.token(),
                    Map.of("done", true),
                    Set.of(200),
                    strangers());
        });
        fixtures.put("POST /goals/{goalId}/checkin", () -> {
            var o = owner();
            return new Target(
                    "/goals/" + o.goal().goalId() + "/checkin",
                    o.token(),
                    Map.of("habitId", o.goal().dailyHabit()),
                    Set.of(201),
                    strangers());
        });
        fixtures.put("PUT /habits/{habitId}", () -> {
            var o = owner();
            return new Target(
                    "/habits/" + o.goal().dailyHabit(),
                    o.token(),
                    Map.of("title", "Stretch more"),
                    Set.of(200),
                    strangers());
        });
        fixtures.put("POST /checkins", () -> {
            var o = owner();
            return new Target("/checkins", o.token(), Map.of("habitId", o.goal().dailyHabit()), Set.of(201), List.of());
        });
        fixtures.put("POST /checkins/bulk", () -> {
            var o = owner();
            return new Target(
                    "/checkins/bulk",
                    o.token(),
                    Map.of("checkins", List.of(Map.of("habitId", o.goal().dailyHabit()))),
                    Set.of(200, 201),
                    List.of());
        });
        fixtures.put("POST /checkins/import", () -> {
            var o = owner();
            String admin = TestTokens.admin(dev.goalcoach.testkit.DirectoryMembers.known("ADMIN", "UTC", null, null));
            var strangers = new ArrayList<>(strangers());
            strangers.add(o.token()); // the member themselves may not back-date beyond the week
            return new Target(
                    "/checkins/import",
                    admin,
                    Map.of(
                            "memberId",
                            o.id().toString(),
                            "checkins",
                            List.of(Map.of("habitId", o.goal().dailyHabit()))),
                    Set.of(200),
                    strangers);
        });
        fixtures.put("GET /checkins", () -> {
            var o = owner();
            checkin(o);
            return new Target("/checkins?memberId=" + o.id(), o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("DELETE /checkins/{id}", () -> {
            var o = owner();
            return new Target("/checkins/" + checkin(o), o.token(), null, Set.of(204), strangers());
        });
        fixtures.put("POST /journal", () -> {
            var o = owner();
            return new Target("/journal", o.token(), Map.of("text", "A good day", "mood", 4), Set.of(201), List.of());
        });
        fixtures.put("GET /journal", () -> {
            var o = owner();
            journal(o);
            return new Target("/journal?memberId=" + o.id(), o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("GET /journal/{id}", () -> {
            var o = owner();
            return new Target("/journal/" + journal(o), o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("PUT /journal/{id}", () -> {
            var o = owner();
            return new Target("/journal/" + journal(o), o.token(), Map.of("text", "Edited"), Set.of(200), strangers());
        });
        fixtures.put("DELETE /journal/{id}", () -> {
            var o = owner();
            return new Target("/journal/" + journal(o), o.token(), null, Set.of(204), strangers());
        });
        fixtures.put("GET /internal/journal/{id}", () -> {
            // coach-service's read: every member's token, even the owner's, and other service clients are strangers
            var o = owner();
            var strangers = new ArrayList<>(strangers());
            strangers.add(o.token());
            strangers.add(TestTokens.admin(UUID.randomUUID()));
            strangers.add(TestTokens.service("mentor-service"));
            return new Target(
                    "/internal/journal/" + journal(o) + "?revision=1",
                    TestTokens.service("coach-service"),
                    null,
                    Set.of(200),
                    strangers);
        });
        fixtures.put("GET /suggestions", () -> {
            var o = owner();
            suggestion(o);
            return new Target("/suggestions?goalId=" + o.goal().goalId(), o.token(), null, Set.of(200), strangers());
        });
        fixtures.put("POST /suggestions/{id}/accept", () -> {
            var o = owner();
            return new Target(
                    "/suggestions/" + suggestion(o) + "/accept",
                    o.token(),
                    Map.of("note", "Yes"),
                    Set.of(200),
                    strangers());
        });
        fixtures.put("POST /suggestions/{id}/reject", () -> {
            var o = owner();
            return new Target(
                    "/suggestions/" + suggestion(o) + "/reject",
                    o.token(),
                    Map.of("note", "No"),
                    Set.of(200),
                    strangers());
        });
        String admin = TestTokens.admin(UUID.randomUUID());
        fixtures.putAll(SecuritySweep.clockFixtures(admin, SecuritySweepTest::strangers));

        var report = SecuritySweep.sweep(fixtures);
        System.out.println("goal-service security sweep: " + report);
        assertThat(report.findings()).as(report.toString()).isEmpty();
        assertThat(report.operations()).isEqualTo(fixtures.size());
    }
}
