package dev.goalcoach.goal.service;

import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.security.AccessPolicy;
import dev.goalcoach.kit.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Who may see whose goals, from this service's member directory (fed by goalcoach.members). */
@ApplicationScoped
public class MemberAccess {

    private final MemberDirectory directory;

    public MemberAccess(MemberDirectory directory) {
        this.directory = directory;
    }

    /**
     * The caller as this service knows them. Right after sign-up the directory may not have them yet: that is
     * ours to wait for, not the caller's mistake, so it is a 503 with a hint to retry.
     */
    public Uni<MemberDirectory.Entry> self(Caller caller) {
        return directory.find(caller.id()).map(found -> found.orElseThrow(MemberAccess::notYetKnown));
    }

    static ProblemException notYetKnown() {
        return new ProblemException(
                        503, "Service Unavailable", "your account is still being set up here; retry in a moment")
                .retryAfter(1);
    }

    /** The owner, if {@code caller} may read their data; otherwise 404 ({@code what} names the resource). */
    public Uni<MemberDirectory.Entry> readable(Caller caller, UUID ownerId, String what) {
        return directory
                .find(ownerId)
                .map(found -> found.filter(owner -> AccessPolicy.mayRead(caller, owner.memberId(), owner.mentorId()))
                        .orElseThrow(() -> ProblemException.notFound(what)));
    }
}
