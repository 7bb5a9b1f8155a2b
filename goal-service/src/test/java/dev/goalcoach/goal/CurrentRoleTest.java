package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Admin and mentor powers follow the role the member directory holds now ({@code member.updated} keeps it current),
 * not the one in the token: demoted or erased, an admin or mentor loses them while the token is still valid.
 */
@QuarkusTest
class CurrentRoleTest {

    private static void readsGoalsOf(String token, UUID owner, int status) {
        as(token).get("/goals/user/" + owner).then().statusCode(status);
    }

    @Test
    void aDemotedAdminNoLongerReadsOthersGoals() {
        UUID admin = DirectoryMembers.known("ADMIN", "UTC", null, null);
        UUID member = Given.member("UTC", null);
        String token = TestTokens.admin(admin);
        readsGoalsOf(token, member, 200);

        DirectoryMembers.roleChanged(admin, "MEMBER", 2);

        readsGoalsOf(token, member, 404);
        readsGoalsOf(token, admin, 200);
    }

    @Test
    void anErasedAdminsTokenOpensNothingOfOthers() {
        UUID admin = DirectoryMembers.known("ADMIN", "UTC", null, null);
        UUID member = Given.member("UTC", null);
        String token = TestTokens.admin(admin);
        readsGoalsOf(token, member, 200);

        DirectoryMembers.erased(admin);

        readsGoalsOf(token, member, 404);
    }

    @Test
    void aDemotedMentorNoLongerReadsTheirMentees() {
        UUID mentor = Given.mentor();
        UUID mentee = Given.member("UTC", mentor);
        String token = TestTokens.mentor(mentor);
        readsGoalsOf(token, mentee, 200);

        DirectoryMembers.roleChanged(mentor, "MEMBER", 2);

        readsGoalsOf(token, mentee, 404);
    }

    @Test
    void aMentorTokenDoesNotBecomeAnAdminsWhateverTheDirectorySays() {
        UUID promoted = DirectoryMembers.known("MENTOR", "UTC", null, null);
        UUID member = Given.member("UTC", null);
        DirectoryMembers.roleChanged(promoted, "ADMIN", 2);

        readsGoalsOf(TestTokens.mentor(promoted), member, 404);
    }
}
