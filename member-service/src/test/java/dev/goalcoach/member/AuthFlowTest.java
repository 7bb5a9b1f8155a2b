package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthFlowTest {

    @Test
    void registerThenLoginThenReadYourself() {
        String email = Api.uniqueEmail("ana");
        var id = Api.register(email, "Pacific/Auckland");

        anonymous()
                .body(Map.of("email", email.toUpperCase(), "password", "Correct-horse-9"))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", greaterThan(0));
        String token = Api.login(email, "Correct-horse-9");

        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"RS256\"");
        assertThat(claims).contains("\"sub\":\"" + id + "\"").contains("MEMBER").doesNotContain(email);
        assertThat(claims).as("the suite's one audience").contains("\"aud\":\"goalcoach\"");
        // signed by the right key, for another audience: refused
        as(TestTokens.forAnotherAudience(id))
                .get("/members/" + id)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");

        as(token)
                .get("/members/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("email", equalTo(email))
                .body("role", equalTo("MEMBER"))
                .body("timezone", equalTo("Pacific/Auckland"))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
        // the existing frontend calls the collection with a trailing slash
        as(token).get("/members/").then().statusCode(200).body("items[0].id", equalTo(id.toString()));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = Api.uniqueEmail("ben");
        Api.register(email, "UTC");

        var wrong = anonymous()
                .body(Map.of("email", email, "password", "Not-the-password-1"))
                .post("/auth/login")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .extract()
                .path("detail");
        var unknown = anonymous()
                .body(Map.of("email", "nobody@example.org", "password", "Not-the-password-1"))
                .post("/auth/login")
                .then()
                .statusCode(401)
                .extract()
                .path("detail");
        assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void theConfiguredAdminExistsAndCanCreateAMentor() {
        String admin = Api.adminToken();
        var mentor = Api.createMentor(admin);
        as(admin).get("/members/" + mentor).then().statusCode(200).body("role", equalTo("MENTOR"));
    }
}
