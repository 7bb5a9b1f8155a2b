package dev.goalcoach.goal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A change to a goal's plan proposed by the coach, and what became of it. */
@Entity
@Table(name = "plan_suggestions")
public class PlanSuggestion {

    public enum Status {
        PROPOSED,
        ACCEPTED,
        REJECTED
    }

    @Id
    public UUID id;

    @Column(name = "goal_id")
    public UUID goalId;

    @Column(name = "member_id")
    public UUID memberId;

    public String kind;

    /** The proposal as coach-service sent it ({@code suggestion.proposed} data, JSON). */
    public String proposal;

    public String reason;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "decided_by")
    public UUID decidedBy;

    @Column(name = "decided_role")
    public String decidedRole;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
