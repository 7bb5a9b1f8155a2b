package dev.goalcoach.goal.repository;

import dev.goalcoach.goal.PlanSuggestion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Plan suggestions coach-service proposed, in the session of the caller's transaction. */
@ApplicationScoped
public class SuggestionRepository {

    public Uni<PlanSuggestion> find(UUID id) {
        return Panache.getSession().chain(s -> s.find(PlanSuggestion.class, id));
    }

    /** Stores the suggestion unless one with its id is there already (a proposal delivered twice). */
    public Uni<Void> persistIfAbsent(PlanSuggestion suggestion) {
        return Panache.getSession()
                .chain(session -> session.find(PlanSuggestion.class, suggestion.id)
                        .chain(existing ->
                                existing != null ? Uni.createFrom().voidItem() : session.persist(suggestion)));
    }

    /** A goal's suggestions, newest first; only those in {@code status} unless it is null. */
    public Uni<List<PlanSuggestion>> ofGoal(UUID goalId, PlanSuggestion.Status status) {
        return of("goalId", goalId, status, Integer.MAX_VALUE);
    }

    /** A member's suggestions on all their goals, the newest {@code limit}; {@code status} as above. */
    public Uni<List<PlanSuggestion>> ofMember(UUID memberId, PlanSuggestion.Status status, int limit) {
        return of("memberId", memberId, status, limit);
    }

    private static Uni<List<PlanSuggestion>> of(String owner, UUID id, PlanSuggestion.Status status, int limit) {
        String query = "from PlanSuggestion where " + owner + " = :owner"
                + (status == null ? "" : " and status = :status") + " order by createdAt desc, id";
        return Panache.getSession().chain(s -> {
            var select = s.createSelectionQuery(query, PlanSuggestion.class).setParameter("owner", id);
            if (status != null) {
                select.setParameter("status", status);
            }
            if (limit < Integer.MAX_VALUE) {
                select.setMaxResults(limit);
            }
            return select.getResultList();
        });
    }
}
