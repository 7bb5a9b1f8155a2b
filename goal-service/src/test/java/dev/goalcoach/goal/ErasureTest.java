package dev.goalcoach.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.MemberDeleted;
import dev.goalcoach.events.Topics;
import dev.goalcoach.goal.service.GoalMemberData;
import dev.goalcoach.kit.members.MemberTable;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.MemberExports;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Requests;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
            "select count(*) from plan_suggestions where member_id = '%s'",
            "select count(*) from idempotency_keys where member_id = '%s'",
            "select count(*) from journal_entries where member_id = '%s'",
            "select count(*) from member_directory where member_id = '%s' and not deleted",
            // what it published of them (a journal entry's text among it) goes too, not only at the end of retention
            "select count(*) from outbox where record_key = '%s'");

    @Test
    void memberDeletedLeavesNoRowOfTheMember() throws Exception {
        var mentor = Given.mentor();
        var member = Given.member("UTC", mentor);
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
        Given.suggestion(member, ids);
        assertThat(rowsOf(member)).isPositive();

        // the export is the erasure's mirror: every row erasure will delete is in it, bookkeeping excepted
        var export = MemberExports.holdEveryRow(token, member, Set.of("idempotency_keys", "member_directory"));
        assertThat(export.keySet())
                .containsExactlyInAnyOrder(
                        "goals", "subgoals", "habits", "checkins", "plan_suggestions", "journal_entries");
        assertThat(export.get("subgoals")).hasSize(1);
        assertThat(export.get("journal_entries"))
                .singleElement()
                .satisfies(e -> assertThat(e).containsEntry("text", "A private thought"));
        for (var goal : export.get("goals")) {
            assertThat(goal).containsEntry("member_id", member.toString());
        }
        Requests.as(TestTokens.member(bystander))
                .get("/export/members/" + member)
                .then()
                .statusCode(404);
        // not even their mentor: an export is the member's own
        Requests.as(TestTokens.mentor(mentor))
                .get("/export/members/" + member)
                .then()
                .statusCode(404);
        Requests.as(TestTokens.admin(DirectoryMembers.known("ADMIN", "UTC", null, null)))
                .get("/export/members/" + member)
                .then()
                .statusCode(200);
        // the relay deletes a row once the broker has it; a row an earlier version marked published instead is kept
        // until its retention, and goes with the member
        assertThat(PublishedRecords.written(member, Topics.GOALS, Topics.CHECKINS, Topics.JOURNAL))
                .isNotEmpty();
        Rows.execute("insert into outbox (event_id, topic, record_key, event_type, subject, event_time, data,"
                + " published_at) values (gen_random_uuid(), 'goalcoach.journal', '" + member + "',"
                + " 'dev.goalcoach.journal.written.v1', '" + member + "', now(), '{\"text\": \"A private thought\"}',"
                + " now())");
        assertThat(Rows.count("select count(*) from outbox where record_key = '" + member + "'"))
                .isEqualTo(1);

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

    @Test
    void everyTableWithAMemberIdIsDeclaredForErasureAndExport() throws Exception {
        MemberExports.declareEveryMemberTable(
                new GoalMemberData().tables().stream().map(MemberTable::table).collect(Collectors.toSet()));
    }
}
