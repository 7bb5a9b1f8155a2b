package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sessions: a refresh token rotates at every use, a reused one ends its family, logout and sign-out everywhere. */
@QuarkusTest
class SessionsTest {

    private static final String PASSWORD = "Correct-horse-9";

    private static JsonPath signIn(String email) {
        return anonymous()
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .body("refresh_expires_in", greaterThan(0))
                .extract()
                .jsonPath();
    }

    private static JsonPath refresh(String refreshToken) {
        return anonymous()
                .body(Map.of("refresh_token", refreshToken))
                .post("/auth/refresh")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .extract()
                .jsonPath();
    }

    private static void refused(String refreshToken) {
        anonymous()
                .body(Map.of("refresh_token", refreshToken))
                .post("/auth/refresh")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aRefreshTokenRotatesAndWorksOnce() {
        String email = Api.uniqueEmail("rota");
        UUID id = Api.register(email, "UTC");
        var first = signIn(email);
        String r1 = first.getString("refresh_token");

        var second = refresh(r1);
        String r2 = second.getString("refresh_token");
        assertThat(r2).isNotEqualTo(r1);
        as(second.getString("access_token")).get("/members/" + id).then().statusCode(200);
        var third = refresh(r2);
        assertThat(third.getString("refresh_token")).isNotEqualTo(r2);
    }

    @Test
    void aReusedRefreshTokenRevokesItsWholeFamilyOnly() {
        String email = Api.uniqueEmail("thief");
        Api.register(email, "UTC");
        String phone = signIn(email).getString("refresh_token");
        String laptop = signIn(email).getString("refresh_token"); // another sign-in: another family

        String stolen = phone;
        String phoneNext = refresh(phone).getString("refresh_token"); // the owner refreshes
        refused(stolen); // the copy comes back: its family ends ...
        refused(phoneNext); // ... the owner's newer token with it
        refresh(laptop); // the other sign-in is untouched
    }

    @Test
    void logoutEndsThatSessionOnly() {
        String email = Api.uniqueEmail("bye");
        Api.register(email, "UTC");
        String a = signIn(email).getString("refresh_token");
        String b = signIn(email).getString("refresh_token");

        anonymous().body(Map.of("refresh_token", a)).post("/auth/logout").then().statusCode(204);
        refused(a);
        refresh(b);
        // logging out twice, or with something that is no token, says the same
        anonymous().body(Map.of("refresh_token", a)).post("/auth/logout").then().statusCode(204);
        anonymous()
                .body(Map.of("refresh_token", "nope"))
                .post("/auth/logout")
                .then()
                .statusCode(204);
        anonymous().body(Map.of()).post("/auth/logout").then().statusCode(400).contentType("application/problem+json");
        anonymous()
                .body(Map.of("refresh_token", "x".repeat(200)))
                .post("/auth/refresh")
                .then()
                .statusCode(400);
        refused("x".repeat(43));
    }

    @Test
    void signOutEverywhereByTheMemberOrAnAdminNotTheirMentor() {
        String admin = Api.adminToken();
        String email = Api.uniqueEmail("every");
        UUID id = Api.register(email, "UTC");
        var session = signIn(email);
        String other = signIn(email).getString("refresh_token");

        UUID mentor = Api.createMentor(admin);
        Api.assignMentor(admin, id, mentor);
        String mentorEmail =
                as(admin).get("/members/" + mentor).then().extract().path("email");
        String mentorToken = Api.login(mentorEmail, "Mentor-pass-77");
        as(mentorToken).delete("/members/" + id + "/sessions").then().statusCode(403);
        String stranger = Api.uniqueEmail("stranger");
        Api.register(stranger, "UTC");
        as(Api.login(stranger, PASSWORD))
                .delete("/members/" + id + "/sessions")
                .then()
                .statusCode(404);
        anonymous().delete("/members/" + id + "/sessions").then().statusCode(401);
        refresh(other); // none of those ended anything

        as(session.getString("access_token"))
                .delete("/members/" + id + "/sessions")
                .then()
                .statusCode(204);
        refused(session.getString("refresh_token"));

        String again = signIn(email).getString("refresh_token");
        as(admin).delete("/members/" + id + "/sessions").then().statusCode(204);
        refused(again);
    }

    @Test
    void aPasswordChangeSignsOutEverywhere() {
        String email = Api.uniqueEmail("change");
        UUID id = Api.register(email, "UTC");
        var session = signIn(email);
        as(session.getString("access_token"))
                .body(Map.of("password", "Brand-new-pass-1"))
                .put("/members/" + id)
                .then()
                .statusCode(400); // the current password is needed
        refresh(session.getString("refresh_token")); // and nothing ended

        var again = signIn(email);
        as(again.getString("access_token"))
                .body(Map.of("password", "Brand-new-pass-1", "currentPassword", PASSWORD))
                .put("/members/" + id)
                .then()
                .statusCode(200)
                .body("$", not(hasKey("password")));
        refused(again.getString("refresh_token"));
        anonymous()
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/auth/login")
                .then()
                .statusCode(401);
        anonymous()
                .body(Map.of("email", email, "password", "Brand-new-pass-1"))
                .post("/auth/login")
                .then()
                .statusCode(200);
    }
}
