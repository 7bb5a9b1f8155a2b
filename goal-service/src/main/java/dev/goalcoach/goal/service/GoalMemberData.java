package dev.goalcoach.goal.service;

import static dev.goalcoach.kit.members.MemberTable.erasedOnly;
import static dev.goalcoach.kit.members.MemberTable.personal;

import dev.goalcoach.kit.members.MemberTable;
import dev.goalcoach.kit.members.TabledMemberData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A member's rows in this service: exported as they are, and on {@code member.deleted} deleted in the event's
 * transaction.
 */
@ApplicationScoped
public class GoalMemberData extends TabledMemberData {

    // children first; habits and subgoals also cascade from goals, the explicit deletes keep it obvious
    static final List<MemberTable> TABLES = List.of(
            personal("checkins", "member_id = :member"),
            personal("plan_suggestions", "member_id = :member"),
            personal("habits", "member_id = :member"),
            personal("subgoals", "goal_id in (select id from goals where member_id = :member)"),
            personal("goals", "member_id = :member"),
            // bookkeeping: the answers replayed to a retried request
            erasedOnly("idempotency_keys", "member_id = :member"),
            personal("journal_entries", "member_id = :member"));

    public GoalMemberData() {
        super(TABLES);
    }
}
