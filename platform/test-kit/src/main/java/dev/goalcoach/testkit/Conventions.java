package dev.goalcoach.testkit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;

/**
 * What operators and client developers expect of every service, open without a token (docs/ARCHITECTURE.md):
 * health, the OpenAPI document and Swagger UI, Prometheus metrics. Each service's {@code ConventionsTest} names
 * what is its own.
 */
public final class Conventions {

    /** Ready (200, UP, within 30 s of the first look: a loader reports after its first round) with these checks; live. */
    public static void readyWith(String... checks) {
        await("readiness")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItems(checks)));
        given().get("/q/health/live").then().statusCode(200);
    }

    /** The OpenAPI document describes these paths and the bearer scheme; Swagger UI is served. */
    public static void openApiDescribes(String... paths) {
        var document = given().get("/q/openapi?format=json").then().statusCode(200);
        for (String path : paths) {
            document.body(containsString(path));
        }
        document.body(containsString("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** The origin the tests' services allow (GOALCOACH_CORS_ORIGINS; the web kit's test profile sets it). */
    public static final String FRONTEND = "https://app.goalcoach.test";

    /**
     * A browser preflight from the frontend's origin is answered with that origin allowed; one from any other
     * origin is refused (403); an actual request from the frontend's origin lets the page read the ETag.
     */
    public static void corsAllowsOnlyTheFrontend(String path) {
        given().header("Origin", FRONTEND)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options(path)
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", FRONTEND)
                .header("Access-Control-Allow-Methods", containsString("POST"));
        given().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .options(path)
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("Origin", FRONTEND)
                .get(path)
                .then()
                .header("Access-Control-Allow-Origin", FRONTEND)
                .header("Access-Control-Expose-Headers", containsString("ETag"));
    }

    /** {@code /q/metrics} exposes these metrics (Prometheus' text format). */
    public static void prometheusExposes(String... metrics) {
        var page = given().get("/q/metrics").then().statusCode(200);
        for (String metric : metrics) {
            page.body(containsString(metric));
        }
    }

    /** {@code count} GETs of {@code path} in a row on one kept-alive connection, each answered 200 within 5 s. */
    public static void answersInARow(String path, int count) throws Exception {
        var client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        for (int i = 0; i < count; i++) {
            int status;
            try {
                status = client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (java.net.http.HttpTimeoutException e) {
                throw new AssertionError("request " + (i + 1) + " of " + count + " was not answered within 5 s", e);
            }
            if (status != 200) {
                throw new AssertionError("request " + (i + 1) + " of " + count + " answered " + status);
            }
        }
    }

    private Conventions() {}
}
