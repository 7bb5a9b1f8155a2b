package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Races;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Two writes to one goal (its fields, its plan) that read the same revision both land, each published with its own
 * revision; a client that names the revision it read (If-Match) is told when it changed (412).
 */
@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
class ConcurrentEditsTest {

    private static long revision(String token, String goal) {
        String etag =
                as(token).get("/goals/" + goal).then().statusCode(200).extract().header("ETag");
        return Long.parseLong(etag.replace("\"", ""));
    }

    /** The revisions of the goal.updated events of {@code goal}, in the order they were published. */
    private static List<Long> publishedRevisions(UUID member, String goal) throws Exception {
        var json = new ObjectMapper();
        var revisions = new ArrayList<Long>();
        for (var r : PublishedRecords.written(member, Topics.GOALS)) {
            var data = json.readTree(r.data());
            if (r.type().contains("goal.updated")
                    && goal.equals(data.path("goalId").asText())) {
                revisions.add(data.path("revision").asLong());
            }
        }
        return revisions;
    }

    @Test
    void anEditOfTheGoalAndANewHabitRacingBothLand() throws Exception {
        UUID member = Given.member("UTC", null);
        String token = TestTokens.member(member);
        String goal = Given.goalWithHabits(member, "2026-01-05").goalId();
        long before = revision(token, goal);

        List<Callable<Integer>> writes = List.of(
                () -> as(token)
                        .body(Map.of("title", "Run a half marathon"))
                        .put("/goals/" + goal)
                        .then()
                        .extract()
                        .statusCode(),
                () -> as(token)
                        .body(Map.of("title", "Stretch after", "schedule", Map.of("type", "DAILY")))
                        .post("/goals/" + goal + "/habits")
                        .then()
                        .extract()
                        .statusCode());
        assertThat(Races.collide("select 1 from goals where id = '" + goal + "' for update", 2, writes))
                .containsExactly(200, 200);

        as(token)
                .get("/goals/" + goal)
                .then()
                .statusCode(200)
                .header("ETag", "\"" + (before + 2) + "\"")
                .body("title", equalTo("Run a half marathon"))
                .body("habits", hasSize(3));
        assertThat(publishedRevisions(member, goal)).containsExactly(before + 1, before + 2);
    }

    @Test
    void ifMatchAppliesAChangeOnlyToTheRevisionTheClientRead() {
        UUID member = Given.member("UTC", null);
        String token = TestTokens.member(member);
        String goal = Given.goalWithHabits(member, "2026-01-05").goalId();
        long read = revision(token, goal);

        as(token)
                .header("If-Match", "\"" + read + "\"")
                .body(Map.of("title", "First"))
                .put("/goals/" + goal)
                .then()
                .statusCode(200)
                .header("ETag", "\"" + (read + 1) + "\"");
        as(token)
                .header("If-Match", "\"" + read + "\"")
                .body(Map.of("title", "Second"))
                .put("/goals/" + goal)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        as(token).get("/goals/" + goal).then().body("title", equalTo("First"));
        as(token).body(Map.of("title", "Third")).put("/goals/" + goal).then().statusCode(200);
    }
}
