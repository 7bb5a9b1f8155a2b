package dev.goalcoach.mentor;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A mentor's private notes: theirs to write, read, edit and delete while the member is their mentee; an admin
 * reads them; the member, another mentor, a former mentor never (404, a mentor's attempt audited as refused).
 */
@QuarkusTest
class NotesTest {

    private static String write(String token, UUID member, String text) {
        return as(token)
                .body(Map.of("memberId", member, "text", text))
                .post("/mentor/notes")
                .then()
                .statusCode(201)
                .body("memberId", equalTo(member.toString()))
                .body("revision", equalTo(0))
                .extract()
                .path("id");
    }

    @Test
    void aMentorKeepsNotesAboutTheirMenteeAndNoOneElseReadsThem() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var token = TestTokens.mentor(mentor);
        String first = write(token, mentee, "Struggles with mornings; suggested evening runs.");
        String second = write(token, mentee, "  Better week.  ");

        as(token)
                .get("/mentor/notes?memberId=" + mentee)
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].text", equalTo("Better week."))
                .body("items[1].id", equalTo(first));
        as(token)
                .body(Map.of("text", "Better week, ran three times."))
                .put("/mentor/notes/" + second)
                .then()
                .statusCode(200)
                .body("text", equalTo("Better week, ran three times."))
                .body("revision", equalTo(1));
        // an admin reads every mentor's notes about the member, and edits none
        var admin = TestTokens.admin(UUID.randomUUID());
        as(admin).get("/mentor/notes?memberId=" + mentee).then().statusCode(200).body("items", hasSize(2));
        as(admin)
                .body(Map.of("text", "admin was here"))
                .put("/mentor/notes/" + first)
                .then()
                .statusCode(403);
        as(admin)
                .body(Map.of("memberId", mentee, "text", "x"))
                .post("/mentor/notes")
                .then()
                .statusCode(403);

        // the member never: no mentor endpoint takes a member's token
        var member = TestTokens.member(mentee);
        as(member).get("/mentor/notes?memberId=" + mentee).then().statusCode(403);
        as(member).get("/mentor/notes/" + first).then().statusCode(403);

        // another mentor: 404 for the list, the note and writing, each attempt audited as refused
        var other = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var otherToken = TestTokens.mentor(other);
        as(otherToken).get("/mentor/notes?memberId=" + mentee).then().statusCode(404);
        as(otherToken).get("/mentor/notes/" + first).then().statusCode(404);
        as(otherToken)
                .body(Map.of("memberId", mentee, "text", "sneaky"))
                .post("/mentor/notes")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(Rows.count("select count(*) from mentor_interactions where mentor_id = '" + other
                        + "' and member_id = '" + mentee + "' and outcome = 'DENIED' and kind = 'notes'"))
                .isEqualTo(2);
        as(otherToken)
                .get("/mentor/chat/" + other + "/interactions/" + mentee)
                .then()
                .statusCode(404);

        as(token).delete("/mentor/notes/" + first).then().statusCode(204);
        as(token).get("/mentor/notes/" + first).then().statusCode(404);
        as(token).get("/mentor/notes/" + second).then().statusCode(200);
    }

    @Test
    void aFormerMentorLosesTheirNotesWithTheMentee() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var token = TestTokens.mentor(mentor);
        String note = write(token, mentee, "Before the handover.");

        var next = DirectoryMembers.known("MENTOR", "UTC", null, null);
        DirectoryMembers.mentorChanged(mentee, next, 2);

        as(token).get("/mentor/notes/" + note).then().statusCode(404);
        as(token).get("/mentor/notes?memberId=" + mentee).then().statusCode(404);
        // the new mentor does not read the old one's notes: private to their author
        as(TestTokens.mentor(next))
                .get("/mentor/notes?memberId=" + mentee)
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        as(TestTokens.mentor(next)).get("/mentor/notes/" + note).then().statusCode(404);
    }

    @Test
    void badInputIsA4xxAndStoresNothing() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        var token = TestTokens.mentor(mentor);
        long before = Rows.count("select count(*) from mentor_notes");

        as(token)
                .body(Map.of("memberId", mentee, "text", "x".repeat(4_001)))
                .post("/mentor/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(token)
                .body(Map.of("memberId", mentee, "text", "   "))
                .post("/mentor/notes")
                .then()
                .statusCode(400);
        as(token).body(Map.of("text", "no one")).post("/mentor/notes").then().statusCode(400);
        as(token)
                .body(Map.of("memberId", UUID.randomUUID(), "text", "unknown"))
                .post("/mentor/notes")
                .then()
                .statusCode(404);
        as(token).get("/mentor/notes").then().statusCode(400);
        as(token).get("/mentor/notes?memberId=nope").then().statusCode(400);

        assertThat(Rows.count("select count(*) from mentor_notes")).isEqualTo(before);
        as(token)
                .body(Map.of("memberId", mentee, "text", "x".repeat(4_000)))
                .post("/mentor/notes")
                .then()
                .statusCode(201);
    }
}
