package dev.goalcoach.goal.repository;

import dev.goalcoach.goal.Habit;
import dev.goalcoach.goal.Subgoal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** A goal's plan: its subgoals (in order) and habits. */
@ApplicationScoped
public class PlanRepository {

    public Uni<List<Subgoal>> subgoals(UUID goalId) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery("from Subgoal where goalId = :goal order by position", Subgoal.class)
                        .setParameter("goal", goalId)
                        .getResultList());
    }

    public Uni<List<Habit>> habits(UUID goalId) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery("from Habit where goalId = :goal order by position", Habit.class)
                        .setParameter("goal", goalId)
                        .getResultList());
    }

    /** The subgoals of several goals, each goal's in order. */
    public Uni<List<Subgoal>> subgoalsOf(List<UUID> goalIds) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery(
                                "from Subgoal where goalId in :goals order by goalId, position", Subgoal.class)
                        .setParameter("goals", goalIds)
                        .getResultList());
    }

    /** The habits of several goals, each goal's in plan order. */
    public Uni<List<Habit>> habitsOf(List<UUID> goalIds) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery(
                                "from Habit where goalId in :goals order by goalId, position", Habit.class)
                        .setParameter("goals", goalIds)
                        .getResultList());
    }

    public Uni<Habit> habit(UUID habitId) {
        return Panache.getSession().chain(s -> s.find(Habit.class, habitId));
    }

    public Uni<Subgoal> subgoal(UUID subgoalId) {
        return Panache.getSession().chain(s -> s.find(Subgoal.class, subgoalId));
    }

    /** Writes what the session changed now, before an event reads the plan back. */
    public Uni<Void> flush() {
        return Panache.getSession().chain(s -> s.flush());
    }

    public Uni<Void> persist(Object entity) {
        return Panache.getSession().chain(s -> s.persist(entity));
    }
}
