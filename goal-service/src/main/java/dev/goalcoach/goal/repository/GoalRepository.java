package dev.goalcoach.goal.repository;

import dev.goalcoach.goal.Goal;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GoalRepository implements PanacheRepositoryBase<Goal, UUID> {

    public Uni<List<Goal>> ofMember(UUID memberId, int page, int size) {
        return find("memberId", Sort.by("createdAt").and("id"), memberId)
                .page(Page.of(page, size))
                .list();
    }

    public Uni<Long> countOfMember(UUID memberId) {
        return count("memberId", memberId);
    }
}
