package dev.goalcoach.coach.service;

import dev.goalcoach.kit.members.MemberErasure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * On {@code member.deleted}: every row of the member in this service goes, in the event's transaction — their
 * conversation, plans, usage ledger, notifications, reports, the copy of their goals and check-ins, the marks of
 * what was sent to them. Cohort posts stay: they name no member.
 */
@ApplicationScoped
public class CoachErasure implements MemberErasure {

    static final List<String> DELETES = List.of(
            "delete from chat_messages where member_id = :member",
            "delete from plans where member_id = :member",
            "delete from ai_usage where member_id = :member",
            "delete from notifications where member_id = :member",
            "delete from reports where member_id = :member",
            "delete from coach_checkins where member_id = :member",
            "delete from coach_habits where member_id = :member",
            "delete from coach_goals where member_id = :member",
            "delete from job_marks where subject = :member");

    @Override
    public Uni<Void> erase(UUID memberId) {
        return MemberErasure.deleting(memberId, DELETES);
    }
}
