package dev.goalcoach.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.Topics;
import dev.goalcoach.kit.outbox.Outbox;
import dev.goalcoach.kit.outbox.OutboxRelay;
import dev.goalcoach.member.service.MemberService;
import dev.goalcoach.member.service.MemberService.NewMember;
import dev.goalcoach.testkit.KafkaBrokerResource;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxTest {

    @Inject
    MemberService members;

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @Test
    void aFailingTransactionLeavesNeitherTheMemberNorItsEvent() throws Exception {
        var email = Api.uniqueEmail("rolled-back");
        var attempt = new NewMember(email, "Rolled Back", "UTC", Role.MEMBER, null);

        Throwable failure = null;
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> members.store(attempt, "x")
                    .chain(m -> Uni.createFrom().failure(new IllegalStateException("later step failed")))));
        } catch (Throwable t) {
            failure = t;
        }

        assertThat(failure).hasMessageContaining("later step failed");
        assertThat(Rows.count("select count(*) from members where email = '" + email + "'"))
                .isZero();
        assertThat(Rows.count("select count(*) from outbox where data like '%Rolled Back%'"))
                .isZero();
    }

    @Test
    void anEventThatBreaksItsOwnSchemaIsRefusedWhenWrittenNotDeadLetteredLater() throws Exception {
        var member = UUID.randomUUID();
        var beyondTheWarehouse = new CheckinRecorded(
                UUID.randomUUID(),
                member,
                UUID.randomUUID(),
                UUID.randomUUID(),
                LocalDate.parse("2026-11-05"),
                "DONE",
                new BigDecimal("1E15"),
                1,
                Instant.parse("2026-11-05T10:00:00Z"));
        Throwable failure = null;
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> outbox.append(EventCatalog.CHECKIN_LOGGED, member, beyondTheWarehouse, Instant.now())));
        } catch (Throwable t) {
            failure = t;
        }
        assertThat(failure).hasMessageContaining("breaks its own schema");
        assertThat(Rows.count("select count(*) from outbox where record_key = '" + member + "'"))
                .isZero();
    }

    @Test
    void aPublishedEventLeavesTheOutboxAndErasureTakesOnesAnEarlierVersionKept() throws Exception {
        var email = Api.uniqueEmail("forgotten");
        var id = Api.register(email, "UTC");
        var token = Api.login(email, "Correct-horse-9");
        dev.goalcoach.testkit.Requests.as(token)
                .body(Map.of("displayName", "Soon Forgotten"))
                .put("/members/" + id)
                .then()
                .statusCode(200);
        // member.created, its address (member.contact.changed), member.updated: on the broker, gone from the outbox
        assertThat(PublishedRecords.written(id, Topics.MEMBERS, Topics.CONTACTS))
                .hasSize(3);
        assertThat(Rows.count("select count(*) from outbox where record_key = '" + id + "'"))
                .isZero();
        // a row a version before decisions/0026 marked published and kept for its retention
        Rows.execute("insert into outbox (event_id, topic, record_key, event_type, subject, event_time, data,"
                + " published_at) values (gen_random_uuid(), 'goalcoach.members', '" + id + "', '"
                + EventCatalog.MEMBER_UPDATED.type() + "', '" + id
                + "', now(), '{\"displayName\": \"Soon Forgotten\"}',"
                + " now())");

        dev.goalcoach.testkit.Requests.as(token).delete("/members/" + id).then().statusCode(204);

        // what is left is what the erasure wrote, until published: member.deleted and the address forgotten
        assertThat(Rows.count("select count(*) from outbox where record_key = '" + id + "' and event_type not in ('"
                        + EventCatalog.MEMBER_DELETED.type() + "', '" + EventCatalog.MEMBER_CONTACT_CHANGED.type()
                        + "')"))
                .isZero();
        var deleted = PublishedRecords.await(
                Topics.MEMBERS,
                r -> id.toString().equals(r.key())
                        && EventCatalog.MEMBER_DELETED.type().equals(r.type()),
                1,
                Duration.ofSeconds(30));
        assertThat(deleted).hasSize(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count("select count(*) from outbox where record_key = '" + id + "'") == 0);
    }

    @Test
    void aCommittedChangeReachesTheBrokerAsACloudEventKeyedByTheMember() {
        var id = Api.register(Api.uniqueEmail("published"), "America/Los_Angeles");

        var records =
                PublishedRecords.await(Topics.MEMBERS, r -> id.toString().equals(r.key()), 1, Duration.ofSeconds(20));

        assertThat(records).hasSize(1);
        var r = records.get(0);
        assertThat(r.type()).isEqualTo(EventCatalog.MEMBER_CREATED.type());
        assertThat(r.ce())
                .containsEntry("specversion", "1.0")
                .containsEntry("subject", id.toString())
                .containsEntry("source", "/goalcoach/member-service")
                .containsEntry("datacontenttype", "application/json")
                .containsKeys("id", "time");
        UUID.fromString(r.ce().get("id"));
        assertThat(EventSchemas.problems(EventCatalog.MEMBER_CREATED, r.data())).isEmpty();
        assertThat(r.dataAsString()).contains("America/Los_Angeles").doesNotContain("@example.org");
        // published once: the relay deleted its row and does not send it again
        assertThat(PublishedRecords.all(Topics.MEMBERS, p -> id.toString().equals(p.key()), Duration.ofSeconds(3)))
                .hasSize(1);
        // and how long it waited in the outbox is measured, and how many a pass took
        assertThat(RestAssured.get("/q/metrics").asString())
                .containsPattern("goalcoach_outbox_lag_seconds_count [1-9]")
                .containsPattern("goalcoach_outbox_batch_count [1-9]");
    }

    @Test
    void eventsCommittedWhileTheBrokerIsDownArriveWhenItReturns() throws Exception {
        var broker = KafkaBrokerResource.broker();
        UUID id;
        broker.stop();
        try {
            id = Api.register(Api.uniqueEmail("while-down"), "Europe/Berlin");
            // committed and waiting: the relay cannot publish it
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Rows.count("select count(*) from outbox where record_key = '" + id
                                    + "' and published_at is null and attempts > 0")
                            == 1);
            // and readiness says so, so that a load balancer stops sending traffic
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> RestAssured.get("/q/health/ready").statusCode() == 503);
        } finally {
            broker.restart();
        }

        var records =
                PublishedRecords.await(Topics.MEMBERS, r -> id.toString().equals(r.key()), 1, Duration.ofSeconds(60));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).type()).isEqualTo(EventCatalog.MEMBER_CREATED.type());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Rows.count(
                                "select count(*) from outbox where record_key = '" + id + "' and published_at is null")
                        == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.backlog() == 0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> RestAssured.get("/q/health/ready").statusCode() == 200);
    }

    /**
     * A batch the broker took in part (here the producer refuses a record over its request size at once): the rows
     * it acknowledged leave the outbox, the first it refused stays with an attempt and its error, and everything
     * after it waits, so a key's events still reach the broker in order once the refused one goes.
     */
    @Test
    void aBatchTheBrokerTookInPartKeepsTheRestInOrder() throws Exception {
        var key = UUID.randomUUID();
        String row = "(gen_random_uuid(), 'goalcoach.members', '" + key + "', '" + EventCatalog.MEMBER_UPDATED.type()
                + "', '" + key + "', now(), %s)";
        Rows.execute("insert into outbox (event_id, topic, record_key, event_type, subject, event_time, data) values "
                + row.formatted("'{\"displayName\": \"first\"}'") + ", "
                + row.formatted("'{\"displayName\": \"' || repeat('x', 1100000) || '\"}'") + ", "
                + row.formatted("'{\"displayName\": \"third\"}'"));
        String ofKey = "select count(*) from outbox where record_key = '" + key + "'";

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count(ofKey + " and attempts > 0 and last_error like '%RecordTooLarge%'") == 1);
        assertThat(Rows.count(ofKey)).isEqualTo(2);
        assertThat(Rows.count(ofKey + " and attempts = 0 and data like '%third%'"))
                .isEqualTo(1);
        var first =
                PublishedRecords.await(Topics.MEMBERS, r -> key.toString().equals(r.key()), 1, Duration.ofSeconds(10));
        assertThat(first)
                .extracting(r -> new String(r.data()))
                .singleElement()
                .asString()
                .contains("first");

        // the refused row mended (as an operator would): it and the one behind it go, in order
        Rows.execute("update outbox set data = '{\"displayName\": \"second\"}' where record_key = '" + key
                + "' and attempts > 0");
        var all =
                PublishedRecords.await(Topics.MEMBERS, r -> key.toString().equals(r.key()), 3, Duration.ofSeconds(60));
        assertThat(all)
                .extracting(r -> new String(r.data()).replaceAll(".*\"displayName\": ?\"(\\w+)\".*", "$1"))
                .containsExactly("first", "second", "third");
        await().atMost(Duration.ofSeconds(30)).until(() -> Rows.count(ofKey) == 0);
    }
}
