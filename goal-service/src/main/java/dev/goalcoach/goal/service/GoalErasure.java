package dev.goalcoach.goal.service;

import dev.goalcoach.kit.members.MemberErasure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** On {@code member.deleted}: every row of the member in this service goes, in the event's transaction. */
@ApplicationScoped
public class GoalErasure implements MemberErasure {

    // children first; habits and subgoals also cascade from goals, the explicit deletes keep it obvious
    private static final List<String> DELETES = List.of(
            "delete from checkins where member_id = :member",
            "delete from plan_suggestions where member_id = :member",
            "delete from habits where member_id = :member",
            "delete from subgoals where goal_id in (select id from goals where member_id = :member)",
            "delete from goals where member_id = :member",
            "delete from idempotency_keys where member_id = :member",
            "delete from journal_entries where member_id = :member");

    @Override
    public Uni<Void> erase(UUID memberId) {
        return MemberErasure.deleting(memberId, DELETES);
    }
}
