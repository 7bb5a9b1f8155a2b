package dev.goalcoach.coach;

import static dev.goalcoach.testkit.Requests.as;
import static dev.goalcoach.testkit.Requests.asMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.clock.ServiceClock;
import dev.goalcoach.coach.service.CoachMemberData;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.MemberContact;
import dev.goalcoach.events.MemberDeleted;
import dev.goalcoach.kit.members.MemberTable;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.MemberExports;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** member.deleted erases every row of the member here; another member's rows stay. */
@ClockAt("2026-11-20T12:00:00Z")
@QuarkusTest
class ErasureTest {

    @Inject
    ServiceClock clock;

    private static final List<String> TABLES = List.of(
            "chat_messages",
            "plans",
            "ai_usage",
            "notifications",
            "reports",
            "coach_checkins",
            "coach_habits",
            "coach_goals",
            "member_contacts",
            "notification_preferences");

    private static long rowsOf(UUID member) throws Exception {
        long n = Rows.count("select count(*) from job_marks where subject = '" + member + "'");
        for (String table : TABLES) {
            n += Rows.count("select count(*) from " + table + " where member_id = '" + member + "'");
        }
        return n
                + Rows.count(
                        "select count(*) from member_directory where member_id = '" + member + "' and not deleted");
    }

    private static UUID memberWithEverything() throws Exception {
        var member = Given.member("UTC", null, null);
        var habit = Given.goal(member, List.of(Given.habit("Walk", "DAILY", null, null, "2026-10-01")))
                .get(0);
        Given.done(member, habit, List.of(LocalDate.parse("2026-11-03")));
        var pending = UUID.randomUUID();
        Given.goalCreated(member, member, pending, "Read daily", "PENDING", null, List.of());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count("select count(*) from plans where goal_id = '" + pending + "'") == 1);
        asMember(member)
                .body(Map.of("message", "how am I doing?"))
                .post("/chat/")
                .then()
                .statusCode(200);
        asMember(member)
                .body(Map.of("title", "Read daily"))
                .post("/coach/plans/preview")
                .then()
                .statusCode(200);
        Rows.execute("insert into ai_usage (member_id, purpose, provider, model, input_tokens, output_tokens,"
                + " latency_ms, outcome, at) values ('" + member + "', 'chat', 'gemini', 'g', 10, 10, 5, 'OK', now())");
        // their address, as member-service sends it
        TestPublisher.publish(
                EventCatalog.MEMBER_CONTACT_CHANGED,
                member,
                UUID.randomUUID(),
                new MemberContact(member, member + "@example.org", false, 2, TestNow.instant()));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Rows.count("select count(*) from member_contacts where member_id = '" + member + "'") == 1);
        return member;
    }

    @Test
    void aDeletedMemberLeavesNothingHere() throws Exception {
        var gone = memberWithEverything();
        var stays = memberWithEverything();
        clock.pin(Instant.parse("2026-12-01T08:00:00Z"));
        as(TestTokens.admin(UUID.randomUUID()))
                .post("/coach/jobs/monthly-report/run")
                .then()
                .statusCode(200);
        as(TestTokens.admin(UUID.randomUUID()))
                .post("/coach/jobs/reminders/run")
                .then()
                .statusCode(200);
        assertThat(Rows.count("select count(*) from reports where member_id = '" + gone + "'"))
                .isEqualTo(1);
        long before = rowsOf(stays);
        assertThat(rowsOf(gone)).isEqualTo(before).isGreaterThan(8);

        // the export is the erasure's mirror: every table above, row for row; the job marks (bookkeeping) not
        var export = MemberExports.holdEveryRow(TestTokens.member(gone), gone, Set.of("member_directory"));
        assertThat(export.keySet()).containsExactlyInAnyOrderElementsOf(TABLES);
        assertThat(export).doesNotContainKey("job_marks");
        assertThat(Rows.ofMember(gone).keySet()).containsAll(TABLES);
        as(TestTokens.member(stays)).get("/export/members/" + gone).then().statusCode(404);

        TestPublisher.publish(
                EventCatalog.MEMBER_DELETED, gone, UUID.randomUUID(), new MemberDeleted(gone, 2, TestNow.instant()));

        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(gone) == 0);
        assertThat(rowsOf(stays)).isEqualTo(before);
    }

    @Test
    void whatArrivesForAnErasedMemberStoresNothing() throws Exception {
        var gone = Given.member("UTC", null, null);
        TestPublisher.publish(
                EventCatalog.MEMBER_DELETED, gone, UUID.randomUUID(), new MemberDeleted(gone, 2, TestNow.instant()));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Rows.count("select count(*) from member_directory where member_id = '" + gone + "' and deleted")
                                == 1);

        // a goal created just before the erasure, its event arriving after; a chat under a token still valid
        var late = UUID.randomUUID();
        Given.goalCreated(gone, gone, late, "Read daily", "PENDING", null, List.of());
        asMember(gone).body(Map.of("message", "hello?")).post("/chat/").then().statusCode(404);
        // a marker goal of another member, after it on the same partition (same record key): once the marker is
        // planned, the late goal has been handled
        var other = Given.member("UTC", null, null);
        var marker = UUID.randomUUID();
        Given.goalCreated(gone, other, marker, "Walk", "PENDING", null, List.of());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count("select count(*) from plans where goal_id = '" + marker + "'") == 1);

        assertThat(Rows.count("select count(*) from plans where member_id = '" + gone + "'"))
                .isZero();
        assertThat(Rows.count("select count(*) from chat_messages where member_id = '" + gone + "'"))
                .isZero();
    }

    @Test
    void everyTableWithAMemberIdIsDeclaredForErasureAndExport() throws Exception {
        MemberExports.declareEveryMemberTable(
                new CoachMemberData().tables().stream().map(MemberTable::table).collect(Collectors.toSet()));
    }
}
