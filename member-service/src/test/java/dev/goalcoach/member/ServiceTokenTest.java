package dev.goalcoach.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.testkit.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The suite's own services take a token with client credentials (OAuth2 client_credentials, the secret by HTTP
 * Basic or in the form): role SERVICE, subject the client id, the suite's audience, five minutes long; a wrong
 * secret or unknown client is a 401 problem, another grant a 400; and a service's token is no member's.
 */
@QuarkusTest
class ServiceTokenTest {

    /** coach-service's secret in this module's %test profile. */
    static final String COACH_SECRET = "coach-secret-for-the-tests-0123456789";

    private static JsonNode claims(String token) throws Exception {
        return new ObjectMapper()
                .readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void aKnownClientGetsAServiceTokenWithItsSecretInTheFormOrByBasic() throws Exception {
        String inForm = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "coach-service")
                .formParam("client_secret", COACH_SECRET)
                .post("/auth/token")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .extract()
                .path("access_token");
        String byBasic = given().contentType(ContentType.URLENC)
                .auth()
                .preemptive()
                .basic("coach-service", COACH_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/auth/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");

        for (String token : new String[] {inForm, byBasic}) {
            var claims = claims(token);
            assertThat(claims.path("sub").asText()).isEqualTo("coach-service");
            assertThat(claims.path("groups").toString()).isEqualTo("[\"SERVICE\"]");
            assertThat(claims.path("aud").toString()).contains("goalcoach");
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
                    .isEqualTo(300);
        }
        // no member endpoint takes it
        Requests.as(inForm).get("/members/" + UUID.randomUUID()).then().statusCode(401);
        Requests.as(inForm).get("/members").then().statusCode(401);
    }

    @Test
    void aWrongSecretAnUnknownClientOrAnotherGrantIsRefused() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "mentor-service")
                .formParam("client_secret", COACH_SECRET)
                .post("/auth/token")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "billing-service")
                .formParam("client_secret", COACH_SECRET)
                .post("/auth/token")
                .then()
                .statusCode(401)
                .body("detail", equalTo("unknown client or wrong secret"));
        given().contentType(ContentType.URLENC)
                .auth()
                .preemptive()
                .basic("coach-service", "not-" + COACH_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/auth/token")
                .then()
                .statusCode(401);
        given().contentType(ContentType.URLENC)
                .header("Authorization", "Basic !!!not-base64")
                .formParam("grant_type", "client_credentials")
                .post("/auth/token")
                .then()
                .statusCode(401);
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "coach-service")
                .formParam("client_secret", COACH_SECRET)
                .post("/auth/token")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("/auth/token")
                .then()
                .statusCode(401);
    }
}
