package dev.goalcoach.mentor.service;

import static dev.goalcoach.kit.members.MemberTable.erasedOnly;
import static dev.goalcoach.kit.members.MemberTable.kept;
import static dev.goalcoach.kit.members.MemberTable.personal;

import dev.goalcoach.kit.members.MemberData;
import dev.goalcoach.kit.members.MemberErasure;
import dev.goalcoach.kit.members.MemberTable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * A member's rows in this service, exported and erased. On {@code member.deleted}, in the event's transaction:
 * notes about the member and notes they wrote as a mentor go, and alerts about the member (an erased mentor's
 * acknowledgements name no one), their dashboard sessions and, as a mentor, their copilot usage; the audit keeps a
 * minimal row of each interaction about them (who looked, when, what kind), its words gone; an erased mentor's own
 * rows keep no trace of who they were (their id replaced by one random id, the same for all their rows, which
 * names no one). The export leaves out the notes (a mentor's working notes are theirs, not the member's) and the
 * copilot's words about the member (likewise), but shows every look at the member's data.
 */
@ApplicationScoped
public class MentorErasure implements MemberData, MemberErasure {

    static final List<MemberTable> TABLES = List.of(
            // a mentor's working notes: not the member's data to take away, erased all the same
            erasedOnly("mentor_notes", "member_id = :member or mentor_id = :member"),
            personal("mentor_alerts", "member_id = :member"),
            // bookkeeping: dashboard sign-ins (the session token never leaves the service)
            erasedOnly("mentor_app_sessions", "member_id = :member"),
            personal("ai_usage", "member_id = :member"),
            kept("mentor_interactions", "member_id = :member", "question", "answer", "context", "detail"));

    static final List<String> ANONYMISING = List.of(
            "update mentor_alerts set acknowledged_by = (select gen_random_uuid()) where acknowledged_by = :member",
            "update mentor_interactions set detail = null, question = null, answer = null, context = null"
                    + " where member_id = :member",
            "update mentor_interactions set mentor_id = (select gen_random_uuid()), detail = null, question = null,"
                    + " answer = null, context = null where mentor_id = :member");

    @Override
    public List<MemberTable> tables() {
        return TABLES;
    }

    @Override
    public Uni<Void> erase(UUID memberId) {
        return MemberData.erase(memberId, TABLES).chain(() -> MemberErasure.deleting(memberId, ANONYMISING));
    }
}
