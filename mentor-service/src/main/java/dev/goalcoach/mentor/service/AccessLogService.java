package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.api.MentorDtos.AccessEntry;
import dev.goalcoach.mentor.api.MentorDtos.InteractionView;
import dev.goalcoach.mentor.repository.InteractionLog;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A member's own view of the audit: who looked at or asked about their data, and when (never the words). */
@ApplicationScoped
public class AccessLogService {

    private final InteractionLog audit;
    private final MemberDirectory directory;

    public AccessLogService(InteractionLog audit, MemberDirectory directory) {
        this.audit = audit;
        this.directory = directory;
    }

    /** The member's own log (an admin may read anyone's); anyone else: 404. */
    @WithSession
    public Uni<PageView<AccessEntry>> of(Caller caller, UUID memberId, int page, int size) {
        if (!caller.is(memberId) && !caller.isAdmin()) {
            throw ProblemException.notFound("member");
        }
        return audit.about(memberId, null, page, size)
                .chain(found -> names(found.items())
                        .map(names -> new PageView<>(
                                found.items().stream()
                                        .map(i -> new AccessEntry(
                                                i.mentorId(),
                                                names.getOrDefault(i.mentorId(), Optional.empty())
                                                        .orElse(null),
                                                i.kind(),
                                                i.outcome(),
                                                i.occurredAt()))
                                        .toList(),
                                page,
                                size,
                                found.total())));
    }

    /** The viewers' names as the directory has them now (none for someone erased or unknown). */
    private Uni<Map<UUID, Optional<String>>> names(List<InteractionView> rows) {
        var ids = new ArrayList<>(
                new LinkedHashSet<>(rows.stream().map(InteractionView::mentorId).toList()));
        var names = new ConcurrentHashMap<UUID, Optional<String>>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID id : ids) {
            chain = chain.chain(() -> directory
                    .find(id)
                    .invoke(e -> names.put(id, e.map(MemberDirectory.Entry::displayName)))
                    .replaceWithVoid());
        }
        return chain.replaceWith(names);
    }
}
