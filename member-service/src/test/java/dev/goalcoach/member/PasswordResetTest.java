package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.goalcoach.testkit.MailServerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A forgotten password: a mailed single-use link, the same answer for every email, sessions ended. */
@QuarkusTest
class PasswordResetTest {

    private static ExtractableResponse<Response> ask(String email) {
        return anonymous()
                .body(Map.of("email", email))
                .post("/auth/password-reset")
                .then()
                .extract();
    }

    @Test
    void theSameAnswerForAKnownAndAnUnknownEmail() {
        String known = Api.uniqueEmail("known");
        Api.register(known, "UTC");
        String unknown = Api.uniqueEmail("unknown");

        var a = ask(known);
        var b = ask(unknown);
        assertThat(a.statusCode()).isEqualTo(202).isEqualTo(b.statusCode());
        assertThat(a.body().asString()).isEqualTo(b.body().asString());
        assertThat(a.contentType()).isEqualTo(b.contentType());
        assertThat(a.headers().asList().stream().map(h -> h.getName()).sorted().toList())
                .isEqualTo(b.headers().asList().stream()
                        .map(h -> h.getName())
                        .sorted()
                        .toList());

        Api.lastLink(known, "/auth/password-reset?token="); // the known one gets its mail
        // the unknown one gets none (another request's mail, sent after it, arrives first)
        String later = Api.uniqueEmail("later");
        Api.register(later, "UTC");
        ask(later);
        Api.lastLink(later, "/auth/password-reset?token=");
        assertThat(MailServerResource.server().to(unknown)).isEmpty();
        // not an email at all is the caller's mistake, whoever has an account
        anonymous()
                .body(Map.of("email", "not-an-email"))
                .post("/auth/password-reset")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aResetLinkSetsANewPasswordOnceAndEndsEverySession() {
        String email = Api.uniqueEmail("forgot");
        Api.register(email, "UTC");
        String refresh = anonymous()
                .body(Map.of("email", email, "password", "Correct-horse-9"))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("refresh_token");

        assertThat(ask(email).statusCode()).isEqualTo(202);
        String link = Api.lastLink(email, "/auth/password-reset?token=");
        String token = link.substring(link.indexOf("token=") + 6);

        // the link opens a form
        anonymous()
                .get(link)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("name=\"password\""));
        // a weak password is refused and leaves the link usable
        anonymous()
                .body(Map.of("token", token, "password", "short"))
                .post("/auth/password-reset/confirm")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("password"));
        // a form field past the limit is the browser's mistake: a 4xx, never a 500
        int huge = RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", token)
                .formParam("password", "a".repeat(100_000))
                .post("/auth/password-reset/form")
                .then()
                .extract()
                .statusCode();
        assertThat(huge).isBetween(400, 499);
        // the form, as a browser posts it
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", token)
                .formParam("password", "Reset-and-new-7")
                .post("/auth/password-reset/form")
                .then()
                .statusCode(200)
                .body(containsString("Password changed"));

        // the old refresh token is dead, the old password too; the new one signs in
        anonymous()
                .body(Map.of("refresh_token", refresh))
                .post("/auth/refresh")
                .then()
                .statusCode(401);
        anonymous()
                .body(Map.of("email", email, "password", "Correct-horse-9"))
                .post("/auth/login")
                .then()
                .statusCode(401);
        String access = Api.login(email, "Reset-and-new-7");
        // the link proved the address
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + access)
                .get("/members")
                .then()
                .statusCode(200)
                .body("items[0].emailVerified", org.hamcrest.Matchers.equalTo(true));

        // used once: no second time
        anonymous()
                .body(Map.of("token", token, "password", "Another-one-88"))
                .post("/auth/password-reset/confirm")
                .then()
                .statusCode(400);
        anonymous().get(link).then().statusCode(400);
    }

    @Test
    void asksAreLimitedPerEmail() {
        String email = Api.uniqueEmail("flood");
        int status = 0;
        for (int i = 0; i < 5 && status != 429; i++) {
            status = ask(email).statusCode();
        }
        assertThat(status).isEqualTo(429);
    }
}
