package dev.goalcoach.coach.repository;

import dev.goalcoach.coach.GeneratedPlan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The plans coach-service made, one per goal ({@code plans}). */
@ApplicationScoped
public class GeneratedPlans {

    public Uni<GeneratedPlan> find(UUID goalId) {
        return Panache.getSession().chain(s -> s.find(GeneratedPlan.class, goalId));
    }

    /** Stores the plan unless the goal has one already; answers how many rows it wrote (0 or 1). */
    public Uni<Integer> insertIfAbsent(GeneratedPlan row) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into plans (goal_id, member_id, outcome, provider, model, plan,"
                                + " created_at) values (:goal, :member, :outcome, :provider, :model, :plan, :at)"
                                + " on conflict (goal_id) do nothing")
                        .setParameter("goal", row.goalId)
                        .setParameter("member", row.memberId)
                        .setParameter("outcome", row.outcome)
                        .setParameter("provider", row.provider)
                        .setParameter("model", row.model)
                        .setParameter("plan", row.plan)
                        .setParameter("at", row.createdAt)
                        .executeUpdate());
    }
}
