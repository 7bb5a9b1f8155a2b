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

    /** A goal's suggestions, newest first. */
    public Uni<List<PlanSuggestion>> ofGoal(UUID goalId) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery(
                                "from PlanSuggestion where goalId = :goal order by createdAt desc, id",
                                PlanSuggestion.class)
                        .setParameter("goal", goalId)
                        .getResultList());
    }
}
