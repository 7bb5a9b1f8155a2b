package dev.goalcoach.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.MemberDeleted;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.Requests;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@ClockAt(value = "2026-11-25T12:00:00Z", running = true)
@QuarkusTest
class ErasureTest {

    /** Every table of this service that holds a member's rows, with the column naming the member. */
    private static final List<String> MEMBER_ROWS = List.of(
            "select count(*) from goals where member_id = '%s'",
            "select count(*) from subgoals where goal_id in (select id from goals where member_id = '%s')",
            "select count(*) from habits where member_id = '%s'",
            "select count(*) from checkins where member_id = '%s'",
            "select count(*) from idempotency_keys where member_id = '%s'",
            "select count(*) from journal_entries where member_id = '%s'",
            "select count(*) from member_directory where member_id = '%s' and not deleted",
            // what it published of them (a journal entry's text among it) goes too, not only at the end of retention
            "select count(*) from outbox where record_key = '%s'");

    @Test
    void memberDeletedLeavesNoRowOfTheMember() throws Exception {
        var member = Given.member("UTC", null);
        var bystander = Given.member("UTC", null);
        var token = TestTokens.member(member);
        var ids = Given.goalWithHabits(member, "2026-11-01");
        Given.goalWithHabits(bystander, "2026-11-01");
        Requests.as(token)
                .body(Map.of(
                        "title",
                        "Read more",
                        "theme",
                        "LEARNING",
                        "subgoals",
                        List.of(Map.of("title", "One book")),
                        "habits",
                        List.of(Map.of("title", "Read", "schedule", Map.of("type", "DAILY")))))
                .post("/goals")
                .then()
                .statusCode(201);
        Requests.as(token)
                .header("Idempotency-Key", "k1")
                .body(Map.of("habitId", ids.dailyHabit()))
                .post("/checkins")
                .then()
                .statusCode(201);
        Requests.as(token)
                .body(Map.of("text", "A private thought"))
                .post("/journal")
                .then()
                .statusCode(201);
        assertThat(Rows.count("select count(*) from journal_entries where member_id = '" + member + "'"))
                .isEqualTo(1);
        assertThat(rowsOf(member)).isPositive();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count("select count(*) from outbox where record_key = '" + member
                                + "' and published_at is null")
                        == 0);
        assertThat(Rows.count("select count(*) from outbox where record_key = '" + member + "'"))
                .isPositive();

        TestPublisher.publish(
                EventCatalog.MEMBER_DELETED,
                member,
                UUID.randomUUID(),
                new MemberDeleted(member, 2, TestNow.instant()));

        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(member) == 0);
        assertThat(rowsOf(bystander)).isPositive();
        Requests.as(token).get("/goals/" + ids.goalId()).then().statusCode(404);
    }

    private static long rowsOf(UUID member) throws Exception {
        long total = 0;
        for (String sql : MEMBER_ROWS) {
            total += Rows.count(String.format(sql, member));
        }
        return total;
    }
}
