package dev.goalcoach.mentor;

import static dev.goalcoach.testkit.Requests.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A member reads who looked at or asked about their data and when — their own log only, never the words. */
@QuarkusTest
class AccessLogTest {

    @Test
    void aMemberSeesWhoLookedAtTheirDataAndWhenButNotTheWords() {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var mentee = Mentees.slipping(mentor);
        var other = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var token = TestTokens.mentor(mentor);
        as(token)
                .get("/dashboard/mentor/" + mentor + "/patient/" + mentee)
                .then()
                .statusCode(200);
        as(token)
                .body(Map.of("patientId", mentee.toString(), "message", "Is she sleeping badly?"))
                .post("/mentor/chat/")
                .then()
                .statusCode(200);
        as(TestTokens.mentor(other))
                .get("/dashboard/mentor/" + other + "/patient/" + mentee)
                .then()
                .statusCode(404);

        as(TestTokens.member(mentee))
                .get("/mentor/access-log/" + mentee)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.kind", contains("dashboard", "copilot", "dashboard"))
                .body("items.outcome", contains("DENIED", "ALLOWED", "ALLOWED"))
                .body("items.viewerId", containsInAnyOrder(other.toString(), mentor.toString(), mentor.toString()))
                .body("items[0].viewerName", equalTo("Mentor"))
                .body(not(containsString("sleeping")));

        // their own only: not another member's, not even their mentor's reading of it
        as(TestTokens.member(DirectoryMembers.known("MEMBER", "UTC", null, null)))
                .get("/mentor/access-log/" + mentee)
                .then()
                .statusCode(404);
        as(token).get("/mentor/access-log/" + mentee).then().statusCode(404);
        as(TestTokens.admin(UUID.randomUUID()))
                .get("/mentor/access-log/" + mentee)
                .then()
                .statusCode(200)
                .body("total", equalTo(3));
    }
}
