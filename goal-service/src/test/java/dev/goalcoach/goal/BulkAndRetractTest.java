package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.goalcoach.clock.ServiceClock;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkAndRetractTest {

    @Inject
    ServiceClock clock;

    @Test
    void anOfflineBatchIsStoredWholeOrNotAtAll() throws Exception {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var member = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var habit = Given.goalWithHabits(member, "2026-11-01").dailyHabit();
        long before = Rows.count("select count(*) from checkins") + Given.eventsOf(member);

        var tooMany = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("habitId", habit, "date", "2026-11-25"));
        }
        as(token)
                .body(Map.of("checkins", tooMany))
                .post("/checkins/bulk")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("checkins"));
        as(token)
                .body(Map.of(
                        "checkins",
                        List.of(
                                Map.of("habitId", habit, "date", "2026-11-23"),
                                Map.of("habitId", habit, "date", "2026-11-24"),
                                Map.of("habitId", habit, "date", "2026-11-26"))))
                .post("/checkins/bulk")
                .then()
                .statusCode(400)
                .body("detail", containsString("checkins[2]"))
                .body("detail", containsString("future"));
        assertThat(Rows.count("select count(*) from checkins") + Given.eventsOf(member))
                .isEqualTo(before);

        as(token)
                .body(Map.of(
                        "checkins",
                        List.of(
                                Map.of("habitId", habit, "date", "2026-11-23"),
                                Map.of("habitId", habit, "date", "2026-11-24", "status", "MISSED"),
                                Map.of("habitId", habit, "date", "2026-11-25"))))
                .post("/checkins/bulk")
                .then()
                .statusCode(200)
                .body("created", equalTo(3))
                .body("checkins", hasSize(3));
        as(token)
                .get("/checkins?from=2026-11-20&to=2026-11-25")
                .then()
                .statusCode(200)
                .body("$", hasSize(3))
                .body("[1].status", equalTo("MISSED"));
    }

    @Test
    void aRetractedCheckinIsGoneAndSaidSo() {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var member = Given.member("UTC", null);
        var stranger = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var habit = Given.goalWithHabits(member, "2026-11-01").dailyHabit();
        String id = as(token)
                .body(Map.of("habitId", habit))
                .post("/checkins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        as(TestTokens.member(stranger)).delete("/checkins/" + id).then().statusCode(404);
        as(token).delete("/checkins/" + id).then().statusCode(204);
        as(token).delete("/checkins/" + id).then().statusCode(404);
        as(token).get("/checkins?from=2026-11-25&to=2026-11-25").then().body("$", hasSize(0));

        var events = PublishedRecords.await(
                Topics.CHECKINS,
                r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.CHECKIN_RETRACTED.type()),
                1,
                Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        assertThat(EventSchemas.problems(
                        EventCatalog.CHECKIN_RETRACTED, events.get(0).data()))
                .isEmpty();
    }

    @Test
    void checkinsAreReadByTheMemberAndTheirMentorOnly() {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        var mentor = Given.mentor();
        var member = Given.member("UTC", mentor);
        var stranger = Given.member("UTC", null);
        var habit = Given.goalWithHabits(member, "2026-11-01").dailyHabit();
        as(TestTokens.member(member))
                .body(Map.of("habitId", habit))
                .post("/checkins")
                .then()
                .statusCode(201);

        as(TestTokens.mentor(mentor))
                .get("/checkins?memberId=" + member + "&from=2026-11-01&to=2026-11-30")
                .then()
                .statusCode(200)
                .body("$", hasSize(1));
        as(TestTokens.member(stranger))
                .get("/checkins?memberId=" + member + "&from=2026-11-01&to=2026-11-30")
                .then()
                .statusCode(404);
        as(TestTokens.member(member))
                .get("/checkins?from=2026-13-01")
                .then()
                .statusCode(400)
                .body("detail", containsString("from"));
        as(TestTokens.member(member))
                .get("/checkins?from=2025-01-01&to=2026-11-30")
                .then()
                .statusCode(400);
    }
}
