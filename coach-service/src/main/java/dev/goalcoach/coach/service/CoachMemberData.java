package dev.goalcoach.coach.service;

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
 * A member's rows in this service — their conversation, plans, usage ledger, notifications, reports, the copy of
 * their goals and check-ins — exported as they are, and on {@code member.deleted} deleted in the event's
 * transaction with the marks of what was sent to them. Cohort posts stay: they name no member.
 */
@ApplicationScoped
public class CoachMemberData implements MemberData, MemberErasure {

    private static final List<MemberTable> TABLES = List.of(
            personal("chat_messages", "member_id = :member"),
            personal("plans", "member_id = :member"),
            personal("ai_usage", "member_id = :member"),
            personal("notifications", "member_id = :member"),
            personal("reports", "member_id = :member"),
            personal("coach_checkins", "member_id = :member"),
            personal("coach_habits", "member_id = :member"),
            personal("coach_goals", "member_id = :member"),
            // bookkeeping: which scheduled message went out to whom, so none goes twice
            erasedOnly("job_marks", "subject = :member"));

    @Override
    public List<MemberTable> tables() {
        return TABLES;
    }

    @Override
    public Uni<Void> erase(UUID memberId) {
        return MemberData.erase(memberId, TABLES);
    }
}
