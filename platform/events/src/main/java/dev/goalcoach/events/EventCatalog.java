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
    public static final EventType<GroupSnapshot> GROUP_CREATED =
            new EventType<>("dev.goalcoach.group.created.v1", Topics.MEMBERS, GroupSnapshot.class);
    public static final EventType<GroupSnapshot> GROUP_DELETED =
            new EventType<>("dev.goalcoach.group.deleted.v1", Topics.MEMBERS, GroupSnapshot.class);

    public static final List<EventType<?>> ALL =
            List.of(MEMBER_CREATED, MEMBER_UPDATED, MEMBER_DELETED, GROUP_CREATED, GROUP_DELETED);

    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(t -> t.type().equals(type)).findFirst();
    }

    private EventCatalog() {}
}
