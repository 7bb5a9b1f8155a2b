package dev.goalcoach.goal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a member is working towards; its plan is its subgoals and habits. */
@Entity
@Table(name = "goals")
public class Goal {

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    public String title;

    public String description;

    @Enumerated(EnumType.STRING)
    public Theme theme;

    /** Constraint: how much time the member can give per week. */
    @Column(name = "minutes_per_week")
    public Integer minutesPerWeek;

    /** Constraint: weekdays the member cannot work on it, comma-separated. */
    @Column(name = "unavailable_days")
    public String unavailableDays;

    @Column(name = "target_date")
    public LocalDate targetDate;

    @Enumerated(EnumType.STRING)
    public GoalStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "plan_status")
    public PlanStatus planStatus;

    /** The AI's plan as it produced it (JSON), kept for audit beside the subgoals and habits made from it. */
    @Column(name = "ai_plan")
    public String aiPlan;

    /**
     * Grows with every change of the goal or its plan; the optimistic lock (a write whose row changed since it was
     * read fails and is re-run, kit.db.Transactions) and the ETag over HTTP. Published with each snapshot.
     */
    @Version
    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public Set<DayOfWeek> unavailableDays() {
        return days(unavailableDays);
    }

    public void unavailableDays(Set<DayOfWeek> days) {
        unavailableDays = days(days);
    }

    public void touch(Instant now) {
        revision++;
        updatedAt = now;
    }

    static Set<DayOfWeek> days(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(","))
                .map(DayOfWeek::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }

    static String days(Set<DayOfWeek> days) {
        if (days == null || days.isEmpty()) {
            return null;
        }
        return EnumSet.copyOf(days).stream().map(DayOfWeek::name).collect(Collectors.joining(","));
    }
}
