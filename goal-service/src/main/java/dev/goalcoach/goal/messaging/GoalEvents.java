package dev.goalcoach.goal.messaging;

import dev.goalcoach.events.CheckinRetracted;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.GoalDeleted;
import dev.goalcoach.events.GoalSnapshot;
import dev.goalcoach.events.JournalDeleted;
import dev.goalcoach.events.JournalWritten;
import dev.goalcoach.events.SuggestionDecided;
import dev.goalcoach.goal.Checkin;
import dev.goalcoach.goal.Goal;
import dev.goalcoach.goal.Habit;
import dev.goalcoach.goal.JournalEntry;
import dev.goalcoach.goal.PlanSuggestion;
import dev.goalcoach.goal.Subgoal;
import dev.goalcoach.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/** The integration events goal-service publishes, written to the outbox in the caller's transaction. */
@ApplicationScoped
public class GoalEvents {

    private final Outbox outbox;

    public GoalEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> goalCreated(Goal g, List<Subgoal> subgoals, List<Habit> habits) {
        return outbox.append(EventCatalog.GOAL_CREATED, g.memberId, snapshot(g, subgoals, habits), g.updatedAt)
                .replaceWithVoid();
    }

    public Uni<Void> goalUpdated(Goal g, List<Subgoal> subgoals, List<Habit> habits) {
        return outbox.append(EventCatalog.GOAL_UPDATED, g.memberId, snapshot(g, subgoals, habits), g.updatedAt)
                .replaceWithVoid();
    }

    public Uni<Void> goalDeleted(Goal g, Instant at) {
        return outbox.append(
                        EventCatalog.GOAL_DELETED,
                        g.memberId,
                        new GoalDeleted(g.id, g.memberId, g.revision + 1, at),
                        at)
                .replaceWithVoid();
    }

    public Uni<Void> checkinRetracted(Checkin c, Instant at) {
        var data = new CheckinRetracted(c.id, c.memberId, c.habitId, c.localDate, c.revision + 1, at);
        return outbox.append(EventCatalog.CHECKIN_RETRACTED, c.memberId, data, at)
                .replaceWithVoid();
    }

    public Uni<Void> journalWritten(JournalEntry e) {
        // its length, never its text: coach-service fetches that (decisions/0012)
        var data = JournalWritten.of(
                e.id, e.memberId, e.text.length(), e.mood, e.sharedWithMentor, e.revision, e.updatedAt);
        return outbox.append(EventCatalog.JOURNAL_WRITTEN, e.memberId, data, e.updatedAt)
                .replaceWithVoid();
    }

    public Uni<Void> journalDeleted(JournalEntry e, Instant at) {
        var data = new JournalDeleted(e.id, e.memberId, e.revision + 1, at);
        return outbox.append(EventCatalog.JOURNAL_DELETED, e.memberId, data, at).replaceWithVoid();
    }

    public Uni<Void> suggestionDecided(PlanSuggestion s) {
        var data = new SuggestionDecided(
                s.id, s.goalId, s.memberId, s.status.name(), s.decidedBy, s.decidedRole, s.decisionNote, s.decidedAt);
        return outbox.append(EventCatalog.SUGGESTION_DECIDED, s.memberId, data, s.decidedAt)
                .replaceWithVoid();
    }

    static GoalSnapshot snapshot(Goal g, List<Subgoal> subgoals, List<Habit> habits) {
        return new GoalSnapshot(
                g.id,
                g.memberId,
                g.title,
                g.description,
                g.theme.name(),
                g.minutesPerWeek,
                g.unavailableDays().isEmpty() ? null : names(g.unavailableDays()),
                g.targetDate,
                g.status.name(),
                g.planStatus.name(),
                subgoals.stream()
                        .map(s -> new GoalSnapshot.Subgoal(s.id, s.position, s.title, s.dueDate, s.done))
                        .toList(),
                habits.stream().map(GoalEvents::habit).toList(),
                g.revision,
                g.updatedAt);
    }

    private static GoalSnapshot.Habit habit(Habit h) {
        var s = h.schedule();
        return new GoalSnapshot.Habit(
                h.id,
                h.title,
                s.type().name(),
                s.days() == null ? null : names(s.days()),
                s.timesPerWeek(),
                s.everyNDays(),
                h.startDate,
                h.targetValue,
                h.targetUnit,
                h.targetDirection == null ? null : h.targetDirection.name(),
                h.reminderTimes().isEmpty()
                        ? null
                        : h.reminderTimes().stream().map(LocalTime::toString).toList(),
                h.active);
    }

    private static List<String> names(Set<DayOfWeek> days) {
        return days.stream().sorted().map(DayOfWeek::name).toList();
    }
}
