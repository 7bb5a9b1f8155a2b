package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Admin and mentor powers follow the role a member has now, not the one in their token (kit.security
 * CurrentRoleAugmentor, member-service's own store): a demoted or erased admin, a demoted mentor, lose them at once,
 * while the token is still valid. A promotion takes a new token.
 */
@QuarkusTest
class CurrentRoleTest {

    private static final String PASSWORD = "Second-admin-77";

    /** Creates a member of {@code role} through the admin API and answers their id. */
    private static UUID create(String root, String email, String role) {
        String id = as(root).body(Map.of(
                        "email",
                        email,
                        "password",
                        PASSWORD,
                        "displayName",
                        "Someone",
                        "timezone",
                        "UTC",
                        "role",
                        role))
                .post("/members")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    private static void changeRole(String root, UUID id, String role) {
        as(root).body(Map.of("role", role)).put("/members/" + id).then().statusCode(200);
    }

    private static Map<String, String> newMember() {
        return Map.of(
                "email", Api.uniqueEmail("new"),
                "password", "Correct-horse-9",
                "displayName", "New",
                "timezone", "UTC",
                "role", "MEMBER");
    }

    @Test
    void aDemotedAdminLosesTheAdminsPowersBeforeTheTokenExpires() {
        String root = Api.adminToken();
        String email = Api.uniqueEmail("admin2");
        UUID admin = create(root, email, "ADMIN");
        UUID someone = Api.register(Api.uniqueEmail("someone"), "UTC");
        String token = Api.login(email, PASSWORD);
        as(token).get("/members/" + someone).then().statusCode(200);
        as(token).body(newMember()).post("/members").then().statusCode(201);

        changeRole(root, admin, "MEMBER");

        as(token).get("/members/" + someone).then().statusCode(404);
        as(token).body(newMember()).post("/members").then().statusCode(403);
        // still a member: their own profile answers
        as(token).get("/members/" + admin).then().statusCode(200);
    }

    @Test
    void anErasedAdminsTokenOpensNothingOfOthers() {
        String root = Api.adminToken();
        String email = Api.uniqueEmail("admin3");
        UUID admin = create(root, email, "ADMIN");
        UUID someone = Api.register(Api.uniqueEmail("someone"), "UTC");
        String token = Api.login(email, PASSWORD);
        as(token).get("/members/" + someone).then().statusCode(200);

        as(root).delete("/members/" + admin).then().statusCode(204);

        as(token).get("/members/" + someone).then().statusCode(404);
        as(token).body(newMember()).post("/members").then().statusCode(403);
    }

    @Test
    void aDemotedMentorNoLongerReadsTheirMentees() {
        String root = Api.adminToken();
        String email = Api.uniqueEmail("mentor");
        UUID mentor = create(root, email, "MENTOR");
        UUID mentee = Api.register(Api.uniqueEmail("mentee"), "UTC");
        Api.assignMentor(root, mentee, mentor);
        String token = Api.login(email, PASSWORD);
        as(token).get("/members/" + mentee).then().statusCode(200);
        as(token).get("/mentors/" + mentor + "/mentees").then().statusCode(200);

        changeRole(root, mentor, "MEMBER");

        as(token).get("/members/" + mentee).then().statusCode(404);
        as(token).get("/mentors/" + mentor + "/mentees").then().statusCode(404);
    }

    @Test
    void aPromotionTakesANewToken() {
        String root = Api.adminToken();
        String email = Api.uniqueEmail("promoted");
        UUID member = Api.register(email, "UTC");
        UUID someone = Api.register(Api.uniqueEmail("someone"), "UTC");
        String before = Api.login(email, "Correct-horse-9");

        changeRole(root, member, "ADMIN");

        as(before).get("/members/" + someone).then().statusCode(404);
        as(Api.login(email, "Correct-horse-9"))
                .get("/members/" + someone)
                .then()
                .statusCode(200);
    }
}
