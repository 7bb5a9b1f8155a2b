package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Numbers and dates the rest of the pipeline can carry, or a 400 that writes nothing: a year past 9999 was accepted
 * and its event refused by the schema downstream (dead-lettered); a value past the warehouse's numeric(18,4) was
 * accepted and then failed every warehouse commit of its batch.
 */
@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
class BoundsTest {

    private static final String HUGE = "100000000000000000000";

    @Test
    void aDateBeyondYear9999IsRefusedAndWritesNothing() throws SQLException {
        var member = Given.member("Europe/Madrid", null);
        long before = Given.eventsOf(member) + Rows.count("select count(*) from goals");
        as(TestTokens.member(member))
                .body(Map.of("title", "Far away", "theme", "FITNESS", "targetDate", "+10000-01-01"))
                .post("/goals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("targetDate"));
        as(TestTokens.member(member))
                .body(Map.of(
                        "title",
                        "Far away",
                        "theme",
                        "FITNESS",
                        "habits",
                        List.of(Map.of(
                                "title", "Walk", "schedule", Map.of("type", "DAILY"), "startDate", "+10000-01-01"))))
                .post("/goals")
                .then()
                .statusCode(400)
                .body("detail", containsString("startDate"));
        assertThat(Given.eventsOf(member) + Rows.count("select count(*) from goals"))
                .isEqualTo(before);
    }

    @Test
    void aTargetOrCheckinValueBeyondWhatTheWarehouseKeepsIsRefused() throws SQLException {
        var member = Given.member("Europe/Madrid", null);
        var token = TestTokens.member(member);
        as(token)
                .body(Map.of(
                        "title",
                        "Run far",
                        "theme",
                        "FITNESS",
                        "habits",
                        List.of(Map.of(
                                "title",
                                "Run",
                                "schedule",
                                Map.of("type", "DAILY"),
                                "target",
                                Map.of("value", HUGE, "unit", "km")))))
                .post("/goals")
                .then()
                .statusCode(400)
                .body("detail", containsString("value"));

        var habit = Given.goalWithHabits(member, "2026-11-01").measuredHabit();
        long before = Rows.count("select count(*) from checkins where habit_id = '" + UUID.fromString(habit) + "'");
        as(token)
                .body(Map.of("habitId", habit, "value", HUGE))
                .post("/checkins")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("value"));
        as(token)
                .body(Map.of("habitId", habit, "date", "+10000-01-01"))
                .post("/checkins")
                .then()
                .statusCode(400)
                .body("detail", containsString("date"));
        assertThat(Rows.count("select count(*) from checkins where habit_id = '" + UUID.fromString(habit) + "'"))
                .isEqualTo(before);
        // the largest value the warehouse keeps is accepted
        as(token)
                .body(Map.of("habitId", habit, "value", "99999999999999.9999"))
                .post("/checkins")
                .then()
                .statusCode(201);
    }
}
