package dev.goalcoach.sync;

import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.CheckinRetracted;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventType;
import dev.goalcoach.events.GoalDeleted;
import dev.goalcoach.events.GoalSnapshot;
import dev.goalcoach.events.JournalAnalyzed;
import dev.goalcoach.events.JournalDeleted;
import dev.goalcoach.events.JournalWritten;
import dev.goalcoach.events.MemberSnapshot;
import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.events.SuggestionDecided;
import dev.goalcoach.testkit.TestPublisher;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A member's month in events, the same for every member but for the ids: each id is named ("goal-2", "c1"), so
 * two members' warehouse rows can be compared name for name. Every event has its own id, so delivering one twice
 * is a true redelivery.
 */
final class Story {

    final UUID member = UUID.randomUUID();
    final UUID mentor = UUID.randomUUID();
    private final Map<String, UUID> ids = new HashMap<>();
    final List<ProducerRecord<String, byte[]>> events = new ArrayList<>();
    private final Instant t0 = Instant.parse("2026-11-01T08:00:00Z");

    Story() {
        ids.put("member", member);
        ids.put("mentor", mentor);
    }

    UUID id(String name) {
        return ids.computeIfAbsent(name, n -> UUID.randomUUID());
    }

    /** The names of this story's ids, to read a row back in names. */
    Map<String, String> names() {
        var names = new HashMap<String, String>();
        ids.forEach((name, id) -> names.put(id.toString(), name));
        return names;
    }

    Story full() {
        member(1, "Pacific/Auckland");
        member(2, "Europe/Berlin");
        goal(1, List.of(habit("h1", "DAILY", null), habit("h2", "TIMES_PER_WEEK", null)));
        goal(2, List.of(habit("h1", "DAILY", new BigDecimal("30")), habit("h3", "WEEKDAYS", null)));
        checkin("c1", "h1", 1, "DONE", 1);
        checkin("c1", "h1", 1, "MISSED", 2);
        checkin("c2", "h1", 2, "DONE", 1);
        retract("c2", "h1", 2, 2);
        checkin("c3", "h3", 3, "SKIPPED", 1);
        journal("j1", 1, "first words");
        journal("j1", 2, "first words, edited");
        journal("j2", 1, "second entry");
        add(EventCatalog.JOURNAL_DELETED, new JournalDeleted(id("j2"), member, 2, t0.plusSeconds(900)));
        add(
                EventCatalog.JOURNAL_ANALYZED,
                new JournalAnalyzed(
                        id("j1"), member, 2, -0.4, "NEGATIVE", List.of("tired"), "offline", "lexicon-1", t0));
        add(
                EventCatalog.PLAN_GENERATED,
                new PlanGenerated(
                        id("goal"),
                        member,
                        "READY",
                        "offline",
                        "rules-1",
                        "because",
                        List.of(),
                        List.of(new PlanGenerated.PlannedHabit(
                                "Run", "DAILY", null, null, null, null, null, null, null, List.of())),
                        t0));
        add(
                EventCatalog.SUGGESTION_DECIDED,
                new SuggestionDecided(
                        id("s1"), id("goal"), member, "ACCEPTED", mentor, "MENTOR", null, t0.plusSeconds(60)));
        // a second goal, checked in on, then deleted: it takes its check-in along
        add(EventCatalog.GOAL_CREATED, snapshot("goal-2", 1, List.of(habit("h9", "DAILY", null))));
        checkin("c9", "h9", 1, "DONE", 1, "goal-2");
        add(EventCatalog.GOAL_DELETED, new GoalDeleted(id("goal-2"), member, 2, t0.plusSeconds(3600)));
        return this;
    }

    void member(long revision, String zone) {
        add(
                revision == 1 ? EventCatalog.MEMBER_CREATED : EventCatalog.MEMBER_UPDATED,
                new MemberSnapshot(
                        member, "Member", "MEMBER", zone, mentor, null, revision, t0, t0.plusSeconds(revision)));
    }

    void goal(long revision, List<GoalSnapshot.Habit> habits) {
        add(revision == 1 ? EventCatalog.GOAL_CREATED : EventCatalog.GOAL_UPDATED, snapshot("goal", revision, habits));
    }

    GoalSnapshot snapshot(String goal, long revision, List<GoalSnapshot.Habit> habits) {
        return new GoalSnapshot(
                id(goal),
                member,
                "Run",
                null,
                "FITNESS",
                120,
                List.of(),
                null,
                "ACTIVE",
                "MANUAL",
                List.of(),
                habits,
                revision,
                t0.plusSeconds(revision));
    }

    GoalSnapshot.Habit habit(String name, String schedule, BigDecimal target) {
        return new GoalSnapshot.Habit(
                id(name),
                name,
                schedule,
                schedule.equals("WEEKDAYS") ? List.of("MONDAY", "FRIDAY") : null,
                schedule.equals("TIMES_PER_WEEK") ? 3 : null,
                null,
                LocalDate.parse("2026-11-01"),
                target,
                target == null ? null : "minutes",
                target == null ? null : "AT_LEAST",
                List.of("07:30"),
                true);
    }

    void checkin(String name, String habit, int day, String status, long revision) {
        checkin(name, habit, day, status, revision, "goal");
    }

    void checkin(String name, String habit, int day, String status, long revision, String goal) {
        add(
                revision == 1 ? EventCatalog.CHECKIN_LOGGED : EventCatalog.CHECKIN_UPDATED,
                new CheckinRecorded(
                        id(name),
                        member,
                        id(goal),
                        id(habit),
                        LocalDate.parse("2026-11-01").plusDays(day),
                        status,
                        null,
                        revision,
                        t0.plusSeconds(day * 86_400L + revision)));
    }

    void retract(String name, String habit, int day, long revision) {
        add(
                EventCatalog.CHECKIN_RETRACTED,
                new CheckinRetracted(
                        id(name),
                        member,
                        id(habit),
                        LocalDate.parse("2026-11-01").plusDays(day),
                        revision,
                        t0.plusSeconds(day * 86_400L + 100)));
    }

    /**
     * An entry's {@code journal.written} as published now (its length), or, for {@code revision} 1 of {@code j1},
     * as records published before 2026-11-30 are on the topic (its text): a replay reads both.
     */
    void journal(String name, long revision, String text) {
        var at = t0.plusSeconds(revision * 10);
        add(
                EventCatalog.JOURNAL_WRITTEN,
                name.equals("j1") && revision == 1
                        ? new JournalWritten(id(name), member, text, null, 2, false, revision, at)
                        : JournalWritten.of(id(name), member, text.length(), 2, false, revision, at));
    }

    <T> void add(EventType<T> type, T payload) {
        events.add(TestPublisher.record(type, member, UUID.randomUUID(), payload));
    }
}
