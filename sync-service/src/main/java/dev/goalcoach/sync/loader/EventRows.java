package dev.goalcoach.sync.loader;

import static dev.goalcoach.warehouse.Schema.DELETIONS;
import static dev.goalcoach.warehouse.Schema.DIM_GOALS;
import static dev.goalcoach.warehouse.Schema.DIM_GROUPS;
import static dev.goalcoach.warehouse.Schema.DIM_HABITS;
import static dev.goalcoach.warehouse.Schema.DIM_MEMBERS;
import static dev.goalcoach.warehouse.Schema.ERASED_MEMBERS;
import static dev.goalcoach.warehouse.Schema.FACT_CHECKINS;
import static dev.goalcoach.warehouse.Schema.FACT_COACH_EVENTS;
import static dev.goalcoach.warehouse.Schema.FACT_JOURNAL_ENTRIES;
import static dev.goalcoach.warehouse.Schema.FACT_JOURNAL_SENTIMENT;
import static dev.goalcoach.warehouse.Schema.FACT_MENTOR_INTERACTIONS;

import dev.goalcoach.events.CheckinRecorded;
import dev.goalcoach.events.CheckinRetracted;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventType;
import dev.goalcoach.events.GoalDeleted;
import dev.goalcoach.events.GoalSnapshot;
import dev.goalcoach.events.GroupSnapshot;
import dev.goalcoach.events.JournalAnalyzed;
import dev.goalcoach.events.JournalDeleted;
import dev.goalcoach.events.JournalWritten;
import dev.goalcoach.events.MemberDeleted;
import dev.goalcoach.events.MemberSnapshot;
import dev.goalcoach.events.MentorInteracted;
import dev.goalcoach.events.PlanGenerated;
import dev.goalcoach.events.SuggestionDecided;
import dev.goalcoach.events.SuggestionProposed;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.sync.warehouse.Batch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns each kind of domain event into warehouse rows. Every type a consumed topic carries is handled here; a
 * type that is not refuses the record (it goes to the dead-letter topic) rather than dropping it unseen.
 */
public final class EventRows {

    private EventRows() {}

    /** Adds the rows of {@code event} to {@code batch}; throws IllegalArgumentException for a type not loaded. */
    public static void add(Batch batch, ReceivedEvent event, Instant eventTime) {
        EventType<?> type = event.type();
        UUID id = event.id();
        if (type == EventCatalog.MEMBER_CREATED || type == EventCatalog.MEMBER_UPDATED) {
            var m = event.data(EventCatalog.MEMBER_CREATED);
            member(batch, m);
            batch.counted(m.memberId(), eventTime);
        } else if (type == EventCatalog.MEMBER_DELETED) {
            MemberDeleted m = event.data(EventCatalog.MEMBER_DELETED);
            batch.add(ERASED_MEMBERS, m.memberId(), m.revision(), m.deletedAt());
            batch.counted(m.memberId(), eventTime);
        } else if (type == EventCatalog.GROUP_CREATED) {
            GroupSnapshot g = event.data(EventCatalog.GROUP_CREATED);
            batch.add(DIM_GROUPS, g.groupId(), g.name(), g.mentorId(), g.updatedAt(), g.revision());
            batch.counted(null, eventTime);
        } else if (type == EventCatalog.GROUP_DELETED) {
            GroupSnapshot g = event.data(EventCatalog.GROUP_DELETED);
            batch.add(DELETIONS, "group", g.groupId(), null, g.updatedAt());
            batch.counted(null, eventTime);
        } else if (type == EventCatalog.GOAL_CREATED || type == EventCatalog.GOAL_UPDATED) {
            GoalSnapshot g = event.data(EventCatalog.GOAL_CREATED);
            goal(batch, g);
            batch.counted(g.memberId(), eventTime);
        } else if (type == EventCatalog.GOAL_DELETED) {
            GoalDeleted g = event.data(EventCatalog.GOAL_DELETED);
            batch.add(DELETIONS, "goal", g.goalId(), g.memberId(), g.deletedAt());
            batch.counted(g.memberId(), eventTime);
        } else if (type == EventCatalog.CHECKIN_LOGGED || type == EventCatalog.CHECKIN_UPDATED) {
            CheckinRecorded c = event.data(EventCatalog.CHECKIN_LOGGED);
            batch.add(
                    FACT_CHECKINS,
                    c.checkinId(),
                    c.memberId(),
                    c.goalId(),
                    c.habitId(),
                    c.localDate(),
                    c.status(),
                    c.value(),
                    c.recordedAt(),
                    c.revision());
            batch.countedFact(c.memberId(), eventTime, c.localDate());
        } else if (type == EventCatalog.CHECKIN_RETRACTED) {
            CheckinRetracted c = event.data(EventCatalog.CHECKIN_RETRACTED);
            batch.add(DELETIONS, "checkin", c.checkinId(), c.memberId(), c.retractedAt());
            batch.countedFact(c.memberId(), eventTime, c.localDate());
        } else if (type == EventCatalog.JOURNAL_WRITTEN) {
            JournalWritten j = event.data(EventCatalog.JOURNAL_WRITTEN);
            // the text stays in goal-service: the warehouse keeps its length (old records: their text's length)
            batch.add(
                    FACT_JOURNAL_ENTRIES,
                    j.entryId(),
                    j.memberId(),
                    j.writtenAt(),
                    j.mood(),
                    j.length(),
                    j.sharedWithMentor(),
                    j.revision());
            batch.countedFact(j.memberId(), eventTime, null);
        } else if (type == EventCatalog.JOURNAL_DELETED) {
            JournalDeleted j = event.data(EventCatalog.JOURNAL_DELETED);
            batch.add(DELETIONS, "journal", j.entryId(), j.memberId(), j.deletedAt());
            batch.countedFact(j.memberId(), eventTime, null);
        } else if (type == EventCatalog.JOURNAL_ANALYZED) {
            JournalAnalyzed j = event.data(EventCatalog.JOURNAL_ANALYZED);
            batch.add(
                    FACT_JOURNAL_SENTIMENT,
                    j.entryId(),
                    j.memberId(),
                    j.entryRevision(),
                    BigDecimal.valueOf(j.score()),
                    j.label(),
                    String.join(",", j.emotions()),
                    j.provider(),
                    j.model(),
                    j.analyzedAt());
            coach(batch, id, j.memberId(), null, type, j.analyzedAt(), j.provider(), j.model(), j.label(), null);
            batch.countedFact(j.memberId(), eventTime, null);
        } else if (type == EventCatalog.PLAN_GENERATED) {
            PlanGenerated p = event.data(EventCatalog.PLAN_GENERATED);
            coach(
                    batch,
                    id,
                    p.memberId(),
                    p.goalId(),
                    type,
                    p.generatedAt(),
                    p.provider(),
                    p.model(),
                    p.outcome(),
                    p.habits().size() + " habits, " + p.subgoals().size() + " subgoals");
            batch.countedFact(p.memberId(), eventTime, null);
        } else if (type == EventCatalog.SUGGESTION_PROPOSED) {
            SuggestionProposed s = event.data(EventCatalog.SUGGESTION_PROPOSED);
            coach(
                    batch,
                    id,
                    s.memberId(),
                    s.goalId(),
                    type,
                    s.proposedAt(),
                    s.provider(),
                    s.model(),
                    s.kind(),
                    "suggestion " + s.suggestionId());
            batch.countedFact(s.memberId(), eventTime, null);
        } else if (type == EventCatalog.SUGGESTION_DECIDED) {
            SuggestionDecided s = event.data(EventCatalog.SUGGESTION_DECIDED);
            coach(
                    batch,
                    id,
                    s.memberId(),
                    s.goalId(),
                    type,
                    s.decidedAt(),
                    null,
                    null,
                    s.decision(),
                    "suggestion " + s.suggestionId() + " by " + s.decidedByRole());
            if ("MENTOR".equals(s.decidedByRole())) {
                batch.add(
                        FACT_MENTOR_INTERACTIONS,
                        id,
                        s.decidedBy(),
                        s.memberId(),
                        "suggestion." + s.decision().toLowerCase(Locale.ROOT),
                        s.decidedAt(),
                        "suggestion " + s.suggestionId());
            }
            batch.countedFact(s.memberId(), eventTime, null);
        } else if (type == EventCatalog.MENTOR_INTERACTED) {
            MentorInteracted m = event.data(EventCatalog.MENTOR_INTERACTED);
            // who looked at or asked about whom, never the words: model, tokens and context parts only
            var detail = new StringBuilder();
            if (m.provider() != null) {
                detail.append(m.provider()).append('/').append(m.model());
            }
            if (m.tokens() != null && m.tokens() > 0) {
                detail.append(detail.isEmpty() ? "" : ", ").append(m.tokens()).append(" tokens");
            }
            if (m.contextParts() != null) {
                detail.append(detail.isEmpty() ? "" : "; ")
                        .append("context: ")
                        .append(String.join(",", m.contextParts()));
            }
            batch.add(
                    FACT_MENTOR_INTERACTIONS,
                    id,
                    m.mentorId(),
                    m.memberId(),
                    "DENIED".equals(m.outcome()) ? m.kind() + ".denied" : m.kind(),
                    m.occurredAt(),
                    detail.isEmpty() ? null : detail.toString());
        } else {
            throw new IllegalArgumentException("the warehouse does not load " + type.type());
        }
    }

    private static void member(Batch batch, MemberSnapshot m) {
        batch.add(
                DIM_MEMBERS,
                m.memberId(),
                m.displayName(),
                m.role(),
                m.timezone(),
                m.mentorId(),
                m.groupId(),
                m.createdAt(),
                m.updatedAt(),
                m.revision());
    }

    private static void goal(Batch batch, GoalSnapshot g) {
        batch.add(
                DIM_GOALS,
                g.goalId(),
                g.memberId(),
                g.title(),
                g.theme(),
                g.status(),
                g.planStatus(),
                g.minutesPerWeek(),
                g.targetDate(),
                g.updatedAt(),
                g.revision());
        for (GoalSnapshot.Habit h : g.habits()) {
            batch.add(
                    DIM_HABITS,
                    h.habitId(),
                    g.goalId(),
                    g.memberId(),
                    h.title(),
                    h.scheduleType(),
                    h.days() == null ? null : String.join(",", h.days()),
                    h.timesPerWeek(),
                    h.everyNDays(),
                    h.startDate(),
                    h.targetValue(),
                    h.targetUnit(),
                    h.targetDirection(),
                    h.active(),
                    false,
                    g.revision());
        }
    }

    private static void coach(
            Batch batch,
            UUID eventId,
            UUID member,
            UUID goal,
            EventType<?> type,
            Instant at,
            String provider,
            String model,
            String outcome,
            String detail) {
        batch.add(FACT_COACH_EVENTS, eventId, member, goal, shortType(type), at, provider, model, outcome, detail);
    }

    /** {@code dev.goalcoach.plan.generated.v1} → {@code plan.generated}. */
    static String shortType(EventType<?> type) {
        String t = type.type().substring("dev.goalcoach.".length());
        return t.substring(0, t.lastIndexOf('.'));
    }
}
