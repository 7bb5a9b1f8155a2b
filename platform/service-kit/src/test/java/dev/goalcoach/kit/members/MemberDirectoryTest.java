package dev.goalcoach.kit.members;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.MemberDeleted;
import dev.goalcoach.events.MemberSnapshot;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.TestPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The member directory fed from the real broker: ordering, redelivery, erasure and poison records. */
@QuarkusTest
class MemberDirectoryTest {

    private static final Instant T = Instant.parse("2026-11-01T08:00:00Z");

    @Inject
    MemberDirectory directory;

    @Inject
    RecordedErasures erasures;

    @Test
    void aCreatedMemberAppearsWithTheirTimeZoneAndMentor() {
        var id = UUID.randomUUID();
        var mentor = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.MEMBER_CREATED, id, UUID.randomUUID(), snapshot(id, "Ana", mentor, 1));

        var entry = awaitEntry(id, e -> e.isPresent());
        assertThat(entry.get().timezone()).isEqualTo("Pacific/Auckland");
        assertThat(entry.get().mentorId()).isEqualTo(mentor);
        assertThat(entry.get().role()).isEqualTo("MEMBER");
    }

    @Test
    void anOlderSnapshotArrivingLateDoesNotOverwriteANewerOne() {
        var id = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.MEMBER_CREATED, id, UUID.randomUUID(), snapshot(id, "v1", null, 1));
        TestPublisher.publish(EventCatalog.MEMBER_UPDATED, id, UUID.randomUUID(), snapshot(id, "v3", null, 3));
        TestPublisher.publish(EventCatalog.MEMBER_UPDATED, id, UUID.randomUUID(), snapshot(id, "v2", null, 2));
        var marker = UUID.randomUUID();
        // a later record on the same key (so the same partition) tells us the three before it were processed
        TestPublisher.publish(EventCatalog.MEMBER_UPDATED, id, marker, snapshot(id, "v3", null, 3));

        awaitProcessed(marker);
        assertThat(find(id))
                .get()
                .extracting(MemberDirectory.Entry::displayName)
                .isEqualTo("v3");
    }

    @Test
    void aRedeliveredErasureErasesOnceAndNothingBringsTheMemberBack() {
        var id = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.MEMBER_CREATED, id, UUID.randomUUID(), snapshot(id, "Ben", null, 1));
        var deletion = UUID.randomUUID();
        var deleted = new MemberDeleted(id, 2, T);
        TestPublisher.publish(EventCatalog.MEMBER_DELETED, id, deletion, deleted);
        TestPublisher.publish(EventCatalog.MEMBER_DELETED, id, deletion, deleted); // redelivered
        // a stale update published before the erasure but delivered after it
        var stale = UUID.randomUUID();
        TestPublisher.publish(EventCatalog.MEMBER_UPDATED, id, stale, snapshot(id, "Ben again", null, 5));

        awaitProcessed(stale);
        assertThat(find(id)).isEmpty();
        assertThat(erasures.erased().stream().filter(id::equals)).hasSize(1);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheStreamGoesOn() {
        var id = UUID.randomUUID();
        var badJson = UUID.randomUUID();
        TestPublisher.publishRaw(
                Topics.MEMBERS,
                id.toString(),
                EventCatalog.MEMBER_UPDATED.type(),
                badJson,
                "{not json".getBytes(StandardCharsets.UTF_8));
        TestPublisher.publishRaw(
                Topics.MEMBERS,
                id.toString(),
                EventCatalog.MEMBER_UPDATED.type(),
                UUID.randomUUID(),
                "{\"memberId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        TestPublisher.publishRaw(
                Topics.MEMBERS, id.toString(), "dev.goalcoach.member.exploded.v1", UUID.randomUUID(), "{}".getBytes());
        TestPublisher.publishRaw(Topics.MEMBERS, id.toString(), null, null, "{}".getBytes());
        TestPublisher.publish(EventCatalog.MEMBER_CREATED, id, UUID.randomUUID(), snapshot(id, "After", null, 1));

        var dead = PublishedRecords.await(Topics.DLQ, r -> id.toString().equals(r.key()), 4, Duration.ofSeconds(30));
        assertThat(dead).hasSize(4);
        assertThat(dead).allSatisfy(r -> assertThat(r.headers()).containsKey("dead-letter-reason"));
        assertThat(dead.get(0).headers().get("dead-letter-reason")).contains("schema");
        assertThat(dead.get(2).headers().get("dead-letter-reason")).contains("unknown event type");
        assertThat(dead.get(3).headers().get("dead-letter-reason")).contains("not a CloudEvent");
        assertThat(awaitEntry(id, Optional::isPresent).get().displayName()).isEqualTo("After");
    }

    private static MemberSnapshot snapshot(UUID id, String name, UUID mentor, long revision) {
        return new MemberSnapshot(id, name, "MEMBER", "Pacific/Auckland", mentor, null, revision, T, T);
    }

    private Optional<MemberDirectory.Entry> find(UUID id) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> directory.find(id)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEventThatArrivesWhileTheDatabaseIsAwayWaitsForItAndIsNotDeadLettered() throws Exception {
        var id = UUID.randomUUID();
        var eventId = UUID.randomUUID();
        ProxiedDatabaseResource.proxy().cut();
        try {
            TestPublisher.publish(EventCatalog.MEMBER_CREATED, id, eventId, snapshot(id, "Patient", null, 1));
            // the consumer fails on the database and retries with backoff: nothing applied, nothing dead-lettered
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> !processed(eventId));
            // ...and readiness names the record its partition waits behind (blocked after 2 s here)
            given().get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'Kafka consumers' }.status", equalTo("DOWN"))
                    .body(
                            "checks.find { it.name == 'Kafka consumers' }.data.keySet()",
                            hasItem(containsString("goalcoach.members")));
        } finally {
            ProxiedDatabaseResource.proxy().restore();
        }
        awaitProcessed(eventId);
        assertThat(awaitEntry(id, Optional::isPresent).get().displayName()).isEqualTo("Patient");
        given().get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'Kafka consumers' }.status", equalTo("UP"));
        assertThat(PublishedRecords.all(Topics.DLQ, r -> id.toString().equals(r.key()), Duration.ofSeconds(2)))
                .as("a failure that passes is retried, not dead-lettered")
                .isEmpty();
    }

    private Optional<MemberDirectory.Entry> awaitEntry(UUID id, Predicate<Optional<MemberDirectory.Entry>> until) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> find(id), until);
    }

    private void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(eventId));
    }

    private static boolean processed(UUID eventId) throws Exception {
        try (var c = ProxiedDatabaseResource.connect();
                var ps = c.prepareStatement("select count(*) from processed_events where event_id = ?")) {
            ps.setObject(1, eventId);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
