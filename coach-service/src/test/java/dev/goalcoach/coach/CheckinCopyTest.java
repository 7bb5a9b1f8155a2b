package dev.goalcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.CheckinRetracted;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The coach's copy of check-ins: written in order (a later revision wins, a retraction marks its row); a record that
 * is no check-in event goes to the dead-letter topic and the others beside it are still written; so does a row the
 * database refuses, alone.
 */
@ClockAt("2026-11-20T12:00:00Z")
@QuarkusTest
class CheckinCopyTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-20");

    @Test
    void aPollIsWrittenInOrderAndARecordThatIsNoEventIsDeadLetteredBesideIt() throws Exception {
        var member = UUID.randomUUID();
        var habit = UUID.randomUUID();
        var kept = UUID.randomUUID();
        var retracted = UUID.randomUUID();
        var poison = UUID.randomUUID();
        TestPublisher.send(List.of(
                logged(member, habit, kept, DAY, "DONE", 1),
                logged(member, habit, retracted, DAY.minusDays(1), "DONE", 1),
                TestPublisher.rawRecord(
                        EventCatalog.CHECKIN_LOGGED.topic(),
                        member.toString(),
                        EventCatalog.CHECKIN_LOGGED.type(),
                        poison,
                        "{\"not\":\"a check-in\"}".getBytes(StandardCharsets.UTF_8)),
                TestPublisher.record(
                        EventCatalog.CHECKIN_UPDATED,
                        member,
                        UUID.randomUUID(),
                        new CheckinRecorded(
                                kept, member, UUID.randomUUID(), habit, DAY, "SKIPPED", null, 2, TestNow.instant())),
                TestPublisher.record(
                        EventCatalog.CHECKIN_RETRACTED,
                        member,
                        UUID.randomUUID(),
                        new CheckinRetracted(retracted, member, habit, DAY.minusDays(1), 2, TestNow.instant()))));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count("select count(*) from coach_checkins where checkin_id = '" + kept
                                + "' and revision = 2 and status = 'SKIPPED'")
                        == 1);
        assertThat(Rows.count(
                        "select count(*) from coach_checkins where checkin_id = '" + retracted + "' and retracted"))
                .isEqualTo(1);
        var dead = PublishedRecords.await(
                "goalcoach.dlq", r -> poison.toString().equals(r.ce().get("id")), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).headers()).containsEntry("dead-letter-topic", "goalcoach.checkins");
        assertThat(dead.get(0).headers().get("dead-letter-reason")).isNotBlank();
    }

    @Test
    void aRowTheDatabaseRefusesGoesToTheDeadLetterTopicAloneAndTheRestOfItsPollIsWritten() throws Exception {
        var member = UUID.randomUUID();
        var habit = UUID.randomUUID();
        var before = UUID.randomUUID();
        var refused = UUID.randomUUID();
        var after = UUID.randomUUID();
        var refusedEvent = UUID.randomUUID();
        // the database refuses this one status for a while (as it would a value it cannot store)
        Rows.execute("alter table coach_checkins add constraint test_refuses_missed check (status <> 'MISSED')"
                + " not valid");
        try {
            TestPublisher.send(List.of(
                    logged(member, habit, before, DAY, "DONE", 1),
                    TestPublisher.record(
                            EventCatalog.CHECKIN_LOGGED,
                            member,
                            refusedEvent,
                            new CheckinRecorded(
                                    refused,
                                    member,
                                    UUID.randomUUID(),
                                    habit,
                                    DAY.minusDays(1),
                                    "MISSED",
                                    null,
                                    1,
                                    TestNow.instant())),
                    logged(member, habit, after, DAY.minusDays(2), "DONE", 1)));

            var dead = PublishedRecords.await(
                    "goalcoach.dlq", r -> refusedEvent.toString().equals(r.ce().get("id")), 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).headers().get("dead-letter-reason")).contains("test_refuses_missed");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Rows.count("select count(*) from coach_checkins where checkin_id in ('" + before
                                    + "', '" + after + "')")
                            == 2);
            assertThat(Rows.count("select count(*) from coach_checkins where checkin_id = '" + refused + "'"))
                    .isZero();
        } finally {
            Rows.execute("alter table coach_checkins drop constraint test_refuses_missed");
        }
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> logged(
            UUID member, UUID habit, UUID checkin, LocalDate day, String status, long revision) {
        return TestPublisher.record(
                EventCatalog.CHECKIN_LOGGED,
                member,
                UUID.randomUUID(),
                new CheckinRecorded(
                        checkin, member, UUID.randomUUID(), habit, day, status, null, revision, TestNow.instant()));
    }
}
