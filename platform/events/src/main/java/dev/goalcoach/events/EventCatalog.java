package dev.goalcoach.events;

import java.util.List;
import java.util.Optional;

/**
 * Every event type GoalCoach publishes. A type is added here, with its record and its schema, by the issue that
 * introduces its producer; {@code EventContractTest} checks that each one has a schema its record satisfies.
 */
public final class EventCatalog {

    public static final EventType<MemberSnapshot> MEMBER_CREATED =
            new EventType<>("dev.goalcoach.member.created.v1", Topics.MEMBERS, MemberSnapshot.class);
    public static final EventType<MemberSnapshot> MEMBER_UPDATED =
            new EventType<>("dev.goalcoach.member.updated.v1", Topics.MEMBERS, MemberSnapshot.class);
    public static final EventType<MemberDeleted> MEMBER_DELETED =
            new EventType<>("dev.goalcoach.member.deleted.v1", Topics.MEMBERS, MemberDeleted.class);
    public static final EventType<MemberContact> MEMBER_CONTACT_CHANGED =
            new EventType<>("dev.goalcoach.member.contact.changed.v1", Topics.CONTACTS, MemberContact.class);
    public static final EventType<GroupSnapshot> GROUP_CREATED =
            new EventType<>("dev.goalcoach.group.created.v1", Topics.MEMBERS, GroupSnapshot.class);
    public static final EventType<GroupSnapshot> GROUP_DELETED =
            new EventType<>("dev.goalcoach.group.deleted.v1", Topics.MEMBERS, GroupSnapshot.class);

    public static final EventType<GoalSnapshot> GOAL_CREATED =
            new EventType<>("dev.goalcoach.goal.created.v1", Topics.GOALS, GoalSnapshot.class);
    public static final EventType<GoalSnapshot> GOAL_UPDATED =
            new EventType<>("dev.goalcoach.goal.updated.v1", Topics.GOALS, GoalSnapshot.class);
    public static final EventType<GoalDeleted> GOAL_DELETED =
            new EventType<>("dev.goalcoach.goal.deleted.v1", Topics.GOALS, GoalDeleted.class);

    public static final EventType<CheckinRecorded> CHECKIN_LOGGED =
            new EventType<>("dev.goalcoach.checkin.logged.v1", Topics.CHECKINS, CheckinRecorded.class);
    public static final EventType<CheckinRecorded> CHECKIN_UPDATED =
            new EventType<>("dev.goalcoach.checkin.updated.v1", Topics.CHECKINS, CheckinRecorded.class);
    public static final EventType<CheckinRetracted> CHECKIN_RETRACTED =
            new EventType<>("dev.goalcoach.checkin.retracted.v1", Topics.CHECKINS, CheckinRetracted.class);

    public static final EventType<JournalWritten> JOURNAL_WRITTEN =
            new EventType<>("dev.goalcoach.journal.written.v1", Topics.JOURNAL, JournalWritten.class);
    public static final EventType<JournalDeleted> JOURNAL_DELETED =
            new EventType<>("dev.goalcoach.journal.deleted.v1", Topics.JOURNAL, JournalDeleted.class);
    public static final EventType<JournalAnalyzed> JOURNAL_ANALYZED =
            new EventType<>("dev.goalcoach.journal.analyzed.v1", Topics.COACH, JournalAnalyzed.class);

    public static final EventType<PlanGenerated> PLAN_GENERATED =
            new EventType<>("dev.goalcoach.plan.generated.v1", Topics.COACH, PlanGenerated.class);

    public static final EventType<SuggestionProposed> SUGGESTION_PROPOSED =
            new EventType<>("dev.goalcoach.suggestion.proposed.v1", Topics.COACH, SuggestionProposed.class);
    public static final EventType<SuggestionDecided> SUGGESTION_DECIDED =
            new EventType<>("dev.goalcoach.suggestion.decided.v1", Topics.GOALS, SuggestionDecided.class);

    public static final EventType<MentorInteracted> MENTOR_INTERACTED =
            new EventType<>("dev.goalcoach.mentor.interaction.recorded.v1", Topics.MENTOR, MentorInteracted.class);

    public static final EventType<WarehouseBatchCommitted> WAREHOUSE_BATCH_COMMITTED = new EventType<>(
            "dev.goalcoach.warehouse.batch-committed.v1", Topics.WAREHOUSE, WarehouseBatchCommitted.class);

    public static final EventType<RiskChanged> RISK_CHANGED =
            new EventType<>("dev.goalcoach.analytics.risk.changed.v1", Topics.ANALYTICS, RiskChanged.class);

    public static final List<EventType<?>> ALL = List.of(
            MEMBER_CREATED,
            MEMBER_UPDATED,
            MEMBER_DELETED,
            MEMBER_CONTACT_CHANGED,
            GROUP_CREATED,
            GROUP_DELETED,
            GOAL_CREATED,
            GOAL_UPDATED,
            GOAL_DELETED,
            CHECKIN_LOGGED,
            CHECKIN_UPDATED,
            CHECKIN_RETRACTED,
            JOURNAL_WRITTEN,
            JOURNAL_DELETED,
            JOURNAL_ANALYZED,
            PLAN_GENERATED,
            SUGGESTION_PROPOSED,
            SUGGESTION_DECIDED,
            MENTOR_INTERACTED,
            WAREHOUSE_BATCH_COMMITTED,
            RISK_CHANGED);

    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(t -> t.type().equals(type)).findFirst();
    }

    private EventCatalog() {}
}
