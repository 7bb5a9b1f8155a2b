package dev.goalcoach.coach.service;

import static dev.goalcoach.kit.members.MemberTable.erasedOnly;
import static dev.goalcoach.kit.members.MemberTable.personal;

import dev.goalcoach.kit.members.MemberTable;
import dev.goalcoach.kit.members.TabledMemberData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A member's rows in this service — their conversation, plans, usage ledger, notifications, reports, the copy of
 * their goals and check-ins — exported as they are, and on {@code member.deleted} deleted in the event's
 * transaction with the marks of what was sent to them. Cohort posts stay: they name no member.
 */
@ApplicationScoped
public class CoachMemberData extends TabledMemberData {

    static final List<MemberTable> TABLES = List.of(
            personal("chat_messages", "member_id = :member"),
            personal("plans", "member_id = :member"),
            personal("ai_usage", "member_id = :member"),
            personal("notifications", "member_id = :member"),
            personal("reports", "member_id = :member"),
            personal("coach_checkins", "member_id = :member"),
            personal("coach_habits", "member_id = :member"),
            personal("coach_goals", "member_id = :member"),
            // their address as member-service sent it, and how they want the coach's messages (not the token of
            // their unsubscribe links)
            personal("member_contacts", "member_id = :member"),
            personal("notification_preferences", "member_id = :member", "unsubscribe_token"),
            // bookkeeping: which scheduled message went out to whom, so none goes twice; mail not sent yet
            erasedOnly("job_marks", "subject = :member"),
            erasedOnly("mail_outbox", "member_id = :member"));

    public CoachMemberData() {
        super(TABLES);
    }
}
