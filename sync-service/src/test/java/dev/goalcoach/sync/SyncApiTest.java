package dev.goalcoach.sync;

import static dev.goalcoach.sync.WarehouseRows.await;
import static dev.goalcoach.sync.WarehouseRows.snapshot;
import static dev.goalcoach.testkit.Requests.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SyncApiTest {

    @Test
    void onlyAnAdminSeesTheLoaderOrStartsAReplay() {
        var someone = UUID.randomUUID();
        as(TestTokens.admin(someone))
                .get("/sync/status")
                .then()
                .statusCode(200)
                .body("warehouse", equalTo("postgres"))
                .body("loader.state", notNullValue());
        for (String token : new String[] {TestTokens.member(someone), TestTokens.mentor(someone)}) {
            as(token).get("/sync/status").then().statusCode(403).contentType("application/problem+json");
            as(token).post("/sync/replay").then().statusCode(403).contentType("application/problem+json");
        }
        for (String token :
                new String[] {TestTokens.expired(someone), TestTokens.signedByAnotherKey(someone, "ADMIN")}) {
            as(token).post("/sync/replay").then().statusCode(401).contentType("application/problem+json");
        }
        given().post("/sync/replay").then().statusCode(401).contentType("application/problem+json");
        as(TestTokens.admin(someone)).get("/sync/nothing-here").then().statusCode(404);
        as(TestTokens.admin(someone)).get("/sync/replay").then().statusCode(405);
    }

    @Test
    void anAdminDemotedInTheWarehouseNoLongerSeesTheLoader() throws Exception {
        var demoted = UUID.randomUUID();
        String token = TestTokens.admin(demoted);
        as(token).get("/sync/status").then().statusCode(200);
        try (var c = ProxiedDatabaseResource.connect();
                var s = c.createStatement()) {
            s.execute("insert into dim_members (member_id, display_name, role, timezone, version) values ('" + demoted
                    + "', 'Ada', 'MEMBER', 'UTC', 2)");
        }
        as(token).get("/sync/status").then().statusCode(403).contentType("application/problem+json");
        as(token).post("/sync/replay").then().statusCode(403).contentType("application/problem+json");

        var erased = UUID.randomUUID();
        as(TestTokens.admin(erased)).get("/sync/status").then().statusCode(200);
        try (var c = ProxiedDatabaseResource.connect();
                var s = c.createStatement()) {
            s.execute("insert into sync_erased_members (member_id, version, erased_at) values ('" + erased
                    + "', 3, now())");
        }
        as(TestTokens.admin(erased)).get("/sync/status").then().statusCode(403);
    }

    @Test
    void deadLettersGoBackToTheirTopicsOnceAndTheReplayReportsWhatItDid() {
        // a check-in that was dead-lettered (a bug since fixed, say), and a record with no origin
        var story = new Story();
        story.member(1, "UTC");
        story.checkin("lost", "h1", 1, "DONE", 1);
        var key = story.member.toString();
        var dead = new ArrayList<ProducerRecord<String, byte[]>>();
        for (var r : story.events) {
            var headers = new RecordHeaders(r.headers().toArray());
            headers.add("dead-letter-topic", r.topic().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-reason", "a bug since fixed".getBytes(StandardCharsets.UTF_8));
            dead.add(new ProducerRecord<>(Topics.DLQ, null, key, r.value(), headers));
        }
        dead.add(new ProducerRecord<>(Topics.DLQ, key, "{}".getBytes(StandardCharsets.UTF_8)));
        TestPublisher.send(dead);
        var admin = TestTokens.admin(UUID.randomUUID());
        as(admin).get("/sync/dead-letters").then().statusCode(200).body("waiting", greaterThanOrEqualTo(3));
        as(TestTokens.member(story.member))
                .post("/sync/dead-letters/replay")
                .then()
                .statusCode(403);
        as(admin).post("/sync/dead-letters/replay?max=0").then().statusCode(400);

        var outcome = as(admin)
                .post("/sync/dead-letters/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(outcome.getInt("replayed")).isGreaterThanOrEqualTo(2);
        assertThat(outcome.getInt("byTopic.'goalcoach.checkins'")).isGreaterThanOrEqualTo(1);
        assertThat(outcome.getInt("byTopic.'goalcoach.members'")).isGreaterThanOrEqualTo(1);
        assertThat(outcome.getInt("skipped")).isGreaterThanOrEqualTo(1);
        await(
                "the replayed check-in in the warehouse",
                Duration.ofSeconds(30),
                () -> WarehouseRows.count("select count(*) from fact_checkins where member_id = '" + key + "'") == 1);

        // a second replay does not send them again
        as(admin).post("/sync/dead-letters/replay").then().statusCode(200);
        var back = PublishedRecords.all(Topics.CHECKINS, r -> key.equals(r.key()), Duration.ofSeconds(2));
        assertThat(back).hasSize(1);
        assertThat(back.get(0).headers()).containsKey("goalcoach-replayed-from").doesNotContainKey("dead-letter-topic");
    }

    @Test
    void aReplayRebuildsTheWarehouseFromTheTopicsAndReportsItsProgress() {
        var story = new Story().full();
        TestPublisher.send(story.events);
        LoaderTest.awaitStoryLoaded(story);
        var before = snapshot(story);

        var admin = TestTokens.admin(UUID.randomUUID());
        as(admin).post("/sync/replay").then().statusCode(202).header("Location", containsString("/sync/status"));
        await(
                "the replay to finish",
                Duration.ofSeconds(60),
                () -> Boolean.TRUE.equals(
                        as(admin).get("/sync/status").then().extract().path("loader.replay.finished")));
        var status = as(admin).get("/sync/status").then().extract().jsonPath();
        assertThat(status.getLong("loader.replay.done")).isEqualTo(status.getLong("loader.replay.target"));
        assertThat(status.getLong("loader.replay.target")).isGreaterThanOrEqualTo(story.events.size());
        LoaderTest.awaitStoryLoaded(story);
        assertThat(snapshot(story)).isEqualTo(before);
    }

    @Test
    void healthOpenApiAndMetricsFollowTheConventions() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", Matchers.hasItems("Warehouse", "Kafka"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/sync/replay"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("goalcoach_sync_events_total"))
                .body(containsString("goalcoach_sync_consumer_lag"))
                .body(containsString("goalcoach_sync_end_to_end_seconds"))
                .body(containsString("goalcoach_sync_batch_seconds"));
    }
}
