package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.repository.InteractionLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * Whose data a mentor may work on: their mentees now (the member directory, kept current by
 * {@code member.updated}), everyone's for an admin. Anyone else's is a 404, and a mentor's attempt is kept in the
 * audit as refused.
 */
@ApplicationScoped
public class MentorAccess {

    private final MemberDirectory directory;
    private final InteractionLog audit;
    private final Clock clock;

    public MentorAccess(MemberDirectory directory, InteractionLog audit, Clock clock) {
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** The member {@code memberId}, when {@code caller} mentors them or is an admin; needs a session. */
    public Uni<MemberDirectory.Entry> mentee(Caller caller, UUID memberId, String kind) {
        return directory.find(memberId).chain(found -> {
            var entry = found.filter(e -> caller.isAdmin() || caller.id().equals(e.mentorId()));
            if (entry.isPresent()) {
                return Uni.createFrom().item(entry.get());
            }
            Uni<Void> kept = caller.isMentor()
                    ? audit.record(caller.id(), memberId, kind, InteractionLog.DENIED, null, clock.instant())
                    : Uni.createFrom().voidItem();
            return kept.chain(() -> Uni.createFrom().failure(ProblemException.notFound("mentee")));
        });
    }

    /** 404 unless {@code caller} is the mentor {@code mentorId} or an admin. */
    public static void self(Caller caller, UUID mentorId) {
        if (!caller.isAdmin() && !caller.is(mentorId)) {
            throw ProblemException.notFound("mentor");
        }
    }
}
