package dev.goalcoach.sync;

import static dev.goalcoach.sync.WarehouseRows.await;
import static dev.goalcoach.sync.WarehouseRows.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.ProxiedDatabaseResource;
import dev.goalcoach.testkit.TestPublisher;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WarehouseOutageTest {

    @Test
    void whileTheWarehouseIsAwayNothingIsLostAndReadinessSaysSo() throws Exception {
        var story = new Story();
        story.member(1, "UTC");
        for (int i = 0; i < 100; i++) {
            story.checkin("c" + i, "h1", i, "DONE", 1);
        }
        String rows = "select count(*) from fact_checkins where member_id = '" + story.member + "'";

        ProxiedDatabaseResource.proxy().cut();
        try {
            TestPublisher.send(story.events.subList(0, 40));
            await(
                    "readiness to report the warehouse down",
                    Duration.ofSeconds(30),
                    () -> given().get("/q/health/ready").statusCode() == 503);
            given().get("/q/health/ready")
                    .then()
                    .body("checks.find { it.name == 'Warehouse' }.data.state", Matchers.equalTo("BACKING_OFF"));
            // more arrives while it is away
            TestPublisher.send(story.events.subList(40, story.events.size()));
            // and none of it is loaded while the warehouse stays away
            Awaitility.await()
                    .during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> count(rows) == 0);
        } finally {
            ProxiedDatabaseResource.proxy().restore();
        }

        await("every check-in once the warehouse is back", Duration.ofSeconds(30), () -> count(rows) == 100);
        await(
                "readiness to recover",
                Duration.ofSeconds(10),
                () -> given().get("/q/health/ready").statusCode() == 200);
        assertThat(count("select count(*) from dim_members where member_id = '" + story.member + "'"))
                .isEqualTo(1);
    }
}
