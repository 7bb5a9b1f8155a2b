package dev.goalcoach.goal.service;

import static dev.goalcoach.kit.members.MemberTable.erasedOnly;
import static dev.goalcoach.kit.members.MemberTable.personal;

import dev.goalcoach.kit.members.MemberData;
import dev.goalcoach.kit.members.MemberErasure;
import dev.goalcoach.kit.members.MemberTable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * A member's rows in this service: exported as they are, and on {@code member.deleted} deleted in the event's
 * transaction.
 */
@ApplicationScoped
public class GoalMemberData implements MemberData, MemberErasure {

    // children first; habits and subgoals also cascade from goals, the explicit deletes keep it obvious
    private static final List<MemberTable> TABLES = List.of(
            personal("checkins", "member_id = :member"),
            personal("plan_suggestions", "member_id = :member"),
            personal("habits", "member_id = :member"),
            personal("subgoals", "goal_id in (select id from goals where member_id = :member)"),
            personal("goals", "member_id = :member"),
            // bookkeeping: the answers replayed to a retried request
            erasedOnly("idempotency_keys", "member_id = :member"),
            personal("journal_entries", "member_id = :member"));

    @Override
    public List<MemberTable> tables() {
        return TABLES;
    }

    @Override
    public Uni<Void> erase(UUID memberId) {
        return MemberData.erase(memberId, TABLES);
    }
}
