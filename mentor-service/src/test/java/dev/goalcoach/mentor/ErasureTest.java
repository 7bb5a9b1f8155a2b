package dev.goalcoach.mentor;

import static dev.goalcoach.testkit.Requests.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.kit.members.MemberTable;
import dev.goalcoach.mentor.service.MentorErasure;
import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.MemberExports;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * member.deleted through the real broker: a mentee's notes go and the audit about them keeps who looked, when and
 * what kind, without words; an erased mentor's notes go and their audit rows name no one.
 */
@QuarkusTest
class ErasureTest {

    @Test
    void anErasedMenteeLeavesNoNotesAndOnlyMinimalAuditRows() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        as(TestTokens.mentor(mentor))
                .body(Map.of("memberId", mentee, "text", "Private words."))
                .post("/mentor/notes")
                .then()
                .statusCode(201);
        Rows.execute("insert into mentor_interactions (id, mentor_id, member_id, kind, outcome, detail, occurred_at)"
                + " values (gen_random_uuid(), '" + mentor + "', '" + mentee + "', 'copilot', 'ALLOWED',"
                + " 'How is she doing?', now())");
        AlertsTest.alert(mentee);

        // the mentee's export: their alert and every look at their data, without the mentor's words or notes
        var export = MemberExports.holdEveryRow(
                TestTokens.member(mentee), mentee, Set.of("mentor_notes", "mentor_app_sessions", "member_directory"));
        assertThat(export.keySet()).containsExactlyInAnyOrder("mentor_alerts", "mentor_interactions", "ai_usage");
        assertThat(export.get("mentor_interactions"))
                .singleElement()
                .satisfies(i -> assertThat(i)
                        .containsEntry("kind", "copilot")
                        .containsEntry("mentor_id", mentor.toString())
                        .doesNotContainKeys("detail", "question", "answer", "context"));
        assertThat(export.get("mentor_alerts")).hasSize(1);
        // their mentor may not take it
        as(TestTokens.mentor(mentor)).get("/export/members/" + mentee).then().statusCode(404);

        DirectoryMembers.erased(mentee);

        assertThat(Rows.count("select count(*) from mentor_notes where member_id = '" + mentee + "'"))
                .isZero();
        assertThat(Rows.count("select count(*) from mentor_interactions where member_id = '" + mentee
                        + "' and mentor_id = '" + mentor + "' and kind = 'copilot' and detail is null"))
                .isEqualTo(1);
        assertThat(Rows.count("select count(*) from mentor_interactions where member_id = '" + mentee
                        + "' and detail is not null"))
                .isZero();
    }

    @Test
    void anErasedMentorsNotesGoAndTheirAuditRowsNameNoOne() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        as(TestTokens.mentor(mentor))
                .body(Map.of("memberId", mentee, "text", "Mine."))
                .post("/mentor/notes")
                .then()
                .statusCode(201);
        for (int i = 0; i < 2; i++) {
            Rows.execute("insert into mentor_interactions (id, mentor_id, member_id, kind, outcome, detail,"
                    + " occurred_at) values (gen_random_uuid(), '" + mentor + "', '" + mentee
                    + "', 'dashboard', 'ALLOWED', 'viewed', now())");
        }
        var session = AppTest.signIn(mentor, "MENTOR");
        var alert = AlertsTest.alert(mentee);
        Rows.execute("update mentor_alerts set acknowledged_by = '" + mentor + "', acknowledged_at = now() where id = '"
                + alert + "'");

        Rows.execute("insert into ai_usage (member_id, purpose, provider, model, input_tokens, output_tokens,"
                + " latency_ms, outcome, at) values ('" + mentor
                + "', 'copilot', 'gemini', 'g', 10, 10, 5, 'OK', now())");
        var export = MemberExports.holdEveryRow(
                TestTokens.mentor(mentor), mentor, Set.of("mentor_notes", "mentor_app_sessions", "member_directory"));
        assertThat(export.get("ai_usage")).hasSize(1);

        DirectoryMembers.erased(mentor);
        assertThat(Rows.count("select count(*) from ai_usage where member_id = '" + mentor + "'"))
                .isZero();

        // signed out everywhere, and their acknowledgement names no one
        assertThat(Rows.count("select count(*) from mentor_app_sessions where member_id = '" + mentor + "'"))
                .isZero();
        given().redirects()
                .follow(false)
                .cookie("gc_mentor_session", session.cookie())
                .get("/mentor/app/roster")
                .then()
                .statusCode(303);
        assertThat(Rows.count("select count(*) from mentor_alerts where id = '" + alert
                        + "' and acknowledged_by is not null and acknowledged_by <> '" + mentor + "'"))
                .isEqualTo(1);

        assertThat(Rows.count("select count(*) from mentor_notes where mentor_id = '" + mentor + "'"))
                .isZero();
        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + mentor + "'"))
                .isZero();
        // both rows still there, under one id that names no one
        assertThat(Rows.count("select count(distinct mentor_id) from mentor_interactions where member_id = '" + mentee
                        + "' and kind = 'dashboard'"))
                .isEqualTo(1);
        assertThat(Rows.count("select count(*) from mentor_interactions where member_id = '" + mentee
                        + "' and kind = 'dashboard' and detail is null"))
                .isEqualTo(2);
    }

    @Test
    void everyTableWithAMemberIdIsDeclaredForErasureAndExport() throws Exception {
        MemberExports.declareEveryMemberTable(
                new MentorErasure().tables().stream().map(MemberTable::table).collect(Collectors.toSet()));
    }
}
