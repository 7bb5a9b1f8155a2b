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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The coach's copy of check-ins, a poll at a time: a later revision wins whatever the order a poll holds them in, a
 * retraction marks its row; a record that is no check-in event goes to the dead-letter topic and the others beside
 * it are still written; so does a row the database refuses, alone.
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

    @Test
    void aPollWithSeveralRevisionsOfOneCheckinKeepsTheLatestWhateverTheirOrder() throws Exception {
        var member = UUID.randomUUID();
        var habit = UUID.randomUUID();
        var corrected = UUID.randomUUID();
        var relogged = UUID.randomUUID();
        var records = new ArrayList<ProducerRecord<String, byte[]>>();
        // one check-in's revisions out of order, another retracted and then logged again, and a hundred others
        records.add(logged(member, habit, corrected, DAY, "MISSED", 3));
        records.add(logged(member, habit, corrected, DAY, "DONE", 1));
        records.add(logged(member, habit, corrected, DAY, "SKIPPED", 2));
        records.add(logged(member, habit, relogged, DAY.minusDays(1), "DONE", 1));
        records.add(TestPublisher.record(
                EventCatalog.CHECKIN_RETRACTED,
                member,
                UUID.randomUUID(),
                new CheckinRetracted(relogged, member, habit, DAY.minusDays(1), 2, TestNow.instant())));
        records.add(logged(member, habit, relogged, DAY.minusDays(1), "MISSED", 3));
        var others = UUID.randomUUID();
        for (int i = 0; i < 100; i++) {
            records.add(logged(others, UUID.randomUUID(), UUID.randomUUID(), DAY.minusDays(i % 7), "DONE", 1));
        }
        TestPublisher.send(records);

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Rows.count("select count(*) from coach_checkins where member_id = '" + others + "'") == 100);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count("select count(*) from coach_checkins where checkin_id = '" + relogged
                                + "' and revision = 3")
                        == 1);
        assertThat(Rows.count("select count(*) from coach_checkins where checkin_id = '" + corrected
                        + "' and revision = 3 and status = 'MISSED' and not retracted"))
                .isEqualTo(1);
        assertThat(Rows.count("select count(*) from coach_checkins where checkin_id = '" + relogged
                        + "' and status = 'MISSED' and not retracted and local_date = '" + DAY.minusDays(1) + "'"))
                .isEqualTo(1);
    }

    private static ProducerRecord<String, byte[]> logged(
            UUID member, UUID habit, UUID checkin, LocalDate day, String status, long revision) {
        return TestPublisher.record(
                EventCatalog.CHECKIN_LOGGED,
                member,
                UUID.randomUUID(),
                new CheckinRecorded(
                        checkin, member, UUID.randomUUID(), habit, day, status, null, revision, TestNow.instant()));
    }
}
