package dev.goalcoach.coach;

import static dev.goalcoach.testkit.Requests.as;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admin and mentor powers follow the role coach-service's member directory holds now, not the token's. */
@QuarkusTest
class CurrentRoleTest {

    @Test
    void aDemotedAdminOrMentorNoLongerReadsOthersReports() {
        UUID admin = DirectoryMembers.known("ADMIN", "UTC", null, null);
        UUID mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        UUID mentee = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        String adminToken = TestTokens.admin(admin);
        String mentorToken = TestTokens.mentor(mentor);
        as(adminToken).get("/reports/" + mentee).then().statusCode(200);
        as(mentorToken).get("/reports/" + mentee).then().statusCode(200);

        DirectoryMembers.roleChanged(admin, "MEMBER", 2);
        DirectoryMembers.roleChanged(mentor, "MEMBER", 2);

        as(adminToken).get("/reports/" + mentee).then().statusCode(404);
        as(mentorToken).get("/reports/" + mentee).then().statusCode(404);
    }
}
