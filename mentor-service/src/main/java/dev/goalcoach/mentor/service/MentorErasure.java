package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.members.MemberErasure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * On {@code member.deleted}, in the event's transaction: notes about the member and notes they wrote as a mentor
 * go, and alerts about the member (an erased mentor's acknowledgements name no one) and their dashboard sessions; the audit keeps a minimal row of each interaction about them (who looked, when, what kind), its words gone;
 * an erased mentor's own rows keep no trace of who they were (their id replaced by one random id, the same for
 * all their rows, which names no one).
 */
@ApplicationScoped
public class MentorErasure implements MemberErasure {

    static final List<String> STATEMENTS = List.of(
            "delete from mentor_notes where member_id = :member or mentor_id = :member",
            "delete from mentor_alerts where member_id = :member",
            "delete from mentor_app_sessions where member_id = :member",
            "update mentor_alerts set acknowledged_by = (select gen_random_uuid()) where acknowledged_by = :member",
            "update mentor_interactions set detail = null, question = null, answer = null, context = null"
                    + " where member_id = :member",
            "update mentor_interactions set mentor_id = (select gen_random_uuid()), detail = null, question = null,"
                    + " answer = null, context = null where mentor_id = :member");

    @Override
    public Uni<Void> erase(UUID memberId) {
        return MemberErasure.deleting(memberId, STATEMENTS);
    }
}
