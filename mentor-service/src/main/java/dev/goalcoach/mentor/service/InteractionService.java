package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.api.MentorDtos.InteractionView;
import dev.goalcoach.mentor.repository.InteractionLog;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The audit as a mentor reads it: what they looked at or asked about one mentee, and what was refused them. */
@ApplicationScoped
public class InteractionService {

    static final String KIND = "interactions";

    private final InteractionLog audit;
    private final MentorAccess access;

    public InteractionService(InteractionLog audit, MentorAccess access) {
        this.audit = audit;
        this.access = access;
    }

    @WithSession
    public Uni<PageView<InteractionView>> of(Caller caller, UUID mentorId, UUID memberId, int page, int size) {
        MentorAccess.self(caller, mentorId);
        return access.mentee(caller, memberId, KIND)
                .chain(mentee -> audit.about(memberId, mentorId, page, size))
                .map(found -> new PageView<>(found.items(), page, size, found.total()));
    }
}
