package dev.goalcoach.sync;

import static dev.goalcoach.sync.WarehouseRows.await;
import static dev.goalcoach.sync.WarehouseRows.count;
import static dev.goalcoach.sync.WarehouseRows.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.MemberDeleted;
import dev.goalcoach.events.MentorInteracted;
import dev.goalcoach.events.Topics;
import dev.goalcoach.events.WarehouseBatchCommitted;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoaderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyKindOfEventLandsInItsTableAndABatchNoticeNamesTheMember() {
        var story = new Story().full();
        TestPublisher.send(story.events);

        awaitStoryLoaded(story);
        var rows = snapshot(story);
        assertThat(rows.get("dim_members")).singleElement().asString().contains("timezone=Europe/Berlin");
        assertThat(rows.get("dim_goals"))
                .singleElement()
                .asString()
                .contains("goal_id=goal ")
                .contains("version=2");
        // h2 left the plan in the goal's second snapshot: kept for its history, marked removed
        assertThat(rows.get("dim_habits"))
                .hasSize(3)
                .filteredOn(r -> r.contains("removed=t"))
                .hasSize(1);
        assertThat(rows.get("dim_habits"))
                .anySatisfy(r -> assertThat(r).contains("habit_id=h2").contains("removed=t"));
        assertThat(rows.get("dim_habits"))
                .anySatisfy(r -> assertThat(r).contains("habit_id=h1").contains("target_value=30.0000"));
        // c1 as updated, c2 retracted, c3 as logged; goal-2 and its check-in deleted
        assertThat(rows.get("fact_checkins")).hasSize(2);
        assertThat(rows.get("fact_checkins"))
                .anySatisfy(r -> assertThat(r)
                        .contains("checkin_id=c1")
                        .contains("status=MISSED")
                        .contains("version=2"));
        assertThat(rows.get("fact_checkins")).anySatisfy(r -> assertThat(r).contains("checkin_id=c3"));
        // the journal's text never reaches the warehouse: its length does
        assertThat(rows.get("fact_journal_entries"))
                .singleElement()
                .asString()
                .contains("entry_id=j1")
                .contains("text_length=" + "first words, edited".length())
                .contains("version=2");
        assertThat(rows.get("fact_journal_sentiment"))
                .singleElement()
                .asString()
                .contains("label=NEGATIVE")
                .contains("entry_version=2");
        assertThat(rows.get("fact_coach_events")).hasSize(3);
        assertThat(rows.get("fact_mentor_interactions"))
                .singleElement()
                .asString()
                .contains("mentor_id=mentor")
                .contains("kind=suggestion.accepted");
        assertThat(count("select count(*) from dim_date")).isEqualTo(36_525);

        var notices = PublishedRecords.await(
                Topics.WAREHOUSE, r -> r.dataAsString().contains(story.member.toString()), 1, WAIT);
        var notice = EventJson.read(notices.get(0).data(), WarehouseBatchCommitted.class);
        assertThat(notice.memberIds()).contains(story.member);
        assertThat(notices.get(0).type()).isEqualTo(EventCatalog.WAREHOUSE_BATCH_COMMITTED.type());
    }

    @Test
    void aNoticeSaysWhoseChangesWereCheckinsOnlyAndFromWhichDay() {
        var story = new Story();
        story.checkin("c1", "h1", 6, "DONE", 1);
        story.checkin("c2", "h1", 4, "SKIPPED", 1);
        TestPublisher.send(story.events);

        var notices = PublishedRecords.await(
                Topics.WAREHOUSE, r -> r.dataAsString().contains(story.member.toString()), 1, WAIT);
        var facts = notices.stream()
                .map(r -> EventJson.read(r.data(), WarehouseBatchCommitted.class))
                .flatMap(n -> n.factsOnly().stream())
                .filter(f -> f.memberId().equals(story.member))
                .map(WarehouseBatchCommitted.FactsOnly::earliestCheckinDay)
                .toList();
        // one batch or two: the earliest day of each, through the warehouse's outbox of notices
        assertThat(facts)
                .isNotEmpty()
                .allSatisfy(day -> assertThat(day)
                        .isIn(java.time.LocalDate.parse("2026-11-05"), java.time.LocalDate.parse("2026-11-07")));
        assertThat(facts).contains(java.time.LocalDate.parse("2026-11-05"));
    }

    @Test
    void theSameEventsTwiceAndOutOfOrderLeaveTheWarehouseAsOneInOrderDelivery() {
        var inOrder = new Story().full();
        var disorderly = new Story().full();
        var shuffled = new ArrayList<>(disorderly.events);
        shuffled.addAll(disorderly.events.subList(0, 12)); // redelivered
        Collections.shuffle(shuffled, new Random(42));
        // and each half in its own batch, newest first
        var second = shuffled.subList(shuffled.size() / 2, shuffled.size());
        var first = shuffled.subList(0, shuffled.size() / 2);

        TestPublisher.send(inOrder.events);
        TestPublisher.send(new ArrayList<>(second));
        awaitLoaded(disorderly, second.size());
        TestPublisher.send(new ArrayList<>(first));
        TestPublisher.send(disorderly.events); // all of it once more

        awaitStoryLoaded(inOrder);
        awaitStoryLoaded(disorderly);
        try {
            await("the redeliveries to settle", WAIT, () -> snapshot(disorderly).equals(snapshot(inOrder)));
        } finally {
            assertThat(snapshot(disorderly)).isEqualTo(snapshot(inOrder));
        }
    }

    @Test
    void aPoisonMessageInTheMiddleOfABatchGoesToTheDeadLetterTopicAndTheRestLands() {
        var story = new Story();
        story.member(1, "UTC");
        story.checkin("before", "h1", 1, "DONE", 1);
        var key = story.member.toString();
        var poison = List.of(
                TestPublisher.rawRecord(
                        Topics.CHECKINS,
                        key,
                        EventCatalog.CHECKIN_LOGGED.type(),
                        UUID.randomUUID(),
                        bytes("{not json")),
                TestPublisher.rawRecord(
                        Topics.CHECKINS, key, "dev.goalcoach.checkin.teleported.v1", UUID.randomUUID(), bytes("{}")),
                TestPublisher.rawRecord(
                        Topics.CHECKINS,
                        key,
                        EventCatalog.CHECKIN_LOGGED.type(),
                        UUID.randomUUID(),
                        bytes("{\"checkinId\":\"" + UUID.randomUUID() + "\"}")),
                TestPublisher.rawRecord(Topics.CHECKINS, key, null, null, bytes("{}")),
                TestPublisher.rawRecord(
                        Topics.CHECKINS,
                        key,
                        EventCatalog.WAREHOUSE_BATCH_COMMITTED.type(),
                        UUID.randomUUID(),
                        EventJson.write(new WarehouseBatchCommitted(
                                UUID.randomUUID(), List.of(story.member), 1, TestNow.instant(), TestNow.instant()))));
        var records = new ArrayList<>(story.events);
        records.addAll(poison);
        story.events.clear();
        story.checkin("after", "h1", 2, "DONE", 1);
        records.addAll(story.events);
        TestPublisher.send(records);

        var dead = PublishedRecords.await(Topics.DLQ, r -> key.equals(r.key()), poison.size(), WAIT);
        assertThat(dead).hasSize(poison.size());
        assertThat(dead)
                .extracting(r -> r.headers().get("dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("schema"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown event type"))
                .anySatisfy(reason -> assertThat(reason).contains("not a CloudEvent"))
                .anySatisfy(reason -> assertThat(reason).contains("does not load"));
        assertThat(dead).allSatisfy(r -> assertThat(r.headers()).containsEntry("dead-letter-topic", Topics.CHECKINS));
        await(
                "both good check-ins",
                WAIT,
                () -> count("select count(*) from fact_checkins where member_id = '" + story.member + "'") == 2);
        assertThat(count("select count(*) from dim_members where member_id = '" + story.member + "'"))
                .isEqualTo(1);
    }

    @Test
    void aValueTheWarehouseCannotHoldIsDeadLetteredWithNoneOfItsRowsAndTheRestLoads() {
        var story = new Story();
        story.member(1, "UTC");
        story.checkin("before", "h1", 1, "DONE", 1);
        // PostgreSQL text holds no NUL character: the whole goal (its row and its habits' rows) is refused
        story.goal(1, List.of(story.habit("fine", "DAILY", null), story.habit("bad\u0000title", "DAILY", null)));
        story.checkin("after", "h1", 2, "DONE", 1);
        TestPublisher.send(story.events);

        var dead =
                PublishedRecords.await(Topics.DLQ, r -> story.member.toString().equals(r.key()), 1, WAIT);
        assertThat(dead.get(0).headers().get("dead-letter-reason")).contains("dim_habits.title", "NUL");
        await(
                "both check-ins",
                WAIT,
                () -> count("select count(*) from fact_checkins where member_id = '" + story.member + "'") == 2);
        assertThat(count("select count(*) from dim_goals where member_id = '" + story.member + "'"))
                .isZero();
        assertThat(count("select count(*) from dim_habits where member_id = '" + story.member + "'"))
                .isZero();
    }

    @Test
    void aBatchTheWarehouseRefusesIsHalvedUntilTheRefusedRecordIsDeadLetteredAndTheRestLoads() throws Exception {
        // a refusal no check of the loader foresees: a constraint of the warehouse's own
        try (var c = ProxiedDatabaseResource.connect();
                var s = c.createStatement()) {
            s.execute(
                    "alter table fact_checkins add constraint loader_test_refused check (value is null or value <> 4242)");
        }
        try {
            var story = new Story();
            story.member(1, "UTC");
            for (int day = 1; day <= 10; day++) {
                story.checkin("good-" + day, "h1", day, "DONE", 1);
            }
            var poison = story.id("poison");
            story.add(
                    EventCatalog.CHECKIN_LOGGED,
                    new CheckinRecorded(
                            poison,
                            story.member,
                            story.id("goal"),
                            story.id("h2"),
                            LocalDate.parse("2026-11-05"),
                            "DONE",
                            new BigDecimal("4242"),
                            1,
                            TestNow.instant()));
            for (int day = 11; day <= 20; day++) {
                story.checkin("good-" + day, "h1", day, "DONE", 1);
            }
            TestPublisher.send(story.events);

            await(
                    "the 20 good check-ins",
                    WAIT,
                    () -> count("select count(*) from fact_checkins where member_id = '" + story.member + "'") == 20);
            var dead = PublishedRecords.await(
                    Topics.DLQ, r -> story.member.toString().equals(r.key()), 1, WAIT);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).ce().get("id")).isNotNull();
            assertThat(dead.get(0).headers().get("dead-letter-reason"))
                    .contains("the warehouse refused it", "loader_test_refused");
            assertThat(count("select count(*) from fact_checkins where checkin_id = '" + poison + "'"))
                    .isZero();
        } finally {
            try (var c = ProxiedDatabaseResource.connect();
                    var s = c.createStatement()) {
                s.execute("alter table fact_checkins drop constraint loader_test_refused");
            }
        }
    }

    @Test
    void aMentorsInteractionsLandWithoutTheirWords() {
        var story = new Story();
        story.member(1, "UTC");
        var at = TestNow.instant();
        story.add(
                EventCatalog.MENTOR_INTERACTED,
                new MentorInteracted(
                        UUID.randomUUID(),
                        story.mentor,
                        story.member,
                        "copilot",
                        "ALLOWED",
                        "gemini",
                        "gemini-2.5-flash",
                        150,
                        List.of("goals", "metrics"),
                        at));
        story.add(
                EventCatalog.MENTOR_INTERACTED,
                new MentorInteracted(
                        UUID.randomUUID(),
                        story.mentor,
                        story.member,
                        "dashboard",
                        "DENIED",
                        null,
                        null,
                        null,
                        null,
                        at));
        TestPublisher.send(story.events);

        String rows = "select kind || ' ' || coalesce(detail, '-') from fact_mentor_interactions where mentor_id = '"
                + story.mentor + "' order by kind";
        await(
                "the interactions of " + story.mentor,
                WAIT,
                () -> count("select count(*) from fact_mentor_interactions" + " where mentor_id = '" + story.mentor
                                + "'")
                        == 2);
        assertThat(WarehouseRows.strings(rows))
                .containsExactly(
                        "copilot gemini/gemini-2.5-flash, 150 tokens; context: goals,metrics", "dashboard.denied -");
    }

    @Test
    void erasureRemovesEveryRowOfTheMemberAndALateEventDoesNotBringThemBack() {
        var story = new Story().full();
        TestPublisher.send(story.events);
        awaitStoryLoaded(story);

        TestPublisher.publish(
                EventCatalog.MEMBER_DELETED,
                story.member,
                UUID.randomUUID(),
                new MemberDeleted(story.member, 3, TestNow.instant()));
        await("erasure", WAIT, () -> snapshot(story).values().stream().allMatch(List::isEmpty));
        // a check-in delivered late (or replayed) after the erasure
        TestPublisher.send(story.events.subList(6, 8));
        var witness = new Story();
        witness.member(1, "UTC");
        TestPublisher.send(witness.events);
        awaitLoaded(witness, 1);
        assertThat(snapshot(story).values()).allMatch(List::isEmpty);
        // the mentor's side of an interaction with the erased member went with it
        assertThat(count("select count(*) from fact_mentor_interactions where mentor_id = '" + story.mentor + "'"))
                .isZero();
    }

    /** The story's last event of each table has landed: c3, the deletion of goal-2, j1's sentiment. */
    static void awaitStoryLoaded(Story story) {
        await("the story of " + story.member, WAIT, () -> {
            var rows = snapshot(story);
            return rows.get("fact_checkins").size() == 2
                    && rows.get("dim_goals").size() == 1
                    && rows.get("fact_journal_sentiment").size() == 1
                    && rows.get("fact_journal_entries").size() == 1
                    && rows.get("fact_mentor_interactions").size() == 1
                    && rows.get("dim_members").stream().anyMatch(r -> r.contains("Berlin"))
                    && rows.get("dim_goals").get(0).contains("version=2");
        });
    }

    /** Waits until the loader has read at least {@code n} more events than before (via its batch notices). */
    static void awaitLoaded(Story story, int minimumRowsOfMember) {
        await(
                "rows of " + story.member,
                WAIT,
                () -> WarehouseRows.MEMBER_TABLES.stream()
                                .mapToLong(t -> count(
                                        "select count(*) from " + t + " where member_id = '" + story.member + "'"))
                                .sum()
                        >= Math.min(1, minimumRowsOfMember));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
