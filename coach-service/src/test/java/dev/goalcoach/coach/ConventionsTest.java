package dev.goalcoach.coach;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What operators and client developers expect of every service, open without a token. */
@QuarkusTest
class ConventionsTest {

    @Test
    void readinessCoversPostgresAndKafka() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka", "Reactive PostgreSQL connections health check"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void openApiDescribesTheApiAndItsBearerScheme() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/chat/{user_id}/history"))
                .body(containsString("/coach/plans/preview"))
                .body(containsString("/reports/{memberId}/{month}"))
                .body(containsString("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void prometheusMetricsIncludeTheOutboxBacklog() {
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("goalcoach_outbox_backlog"))
                .body(containsString("jvm_memory_used_bytes"));
    }
}
