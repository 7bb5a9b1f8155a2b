package dev.goalcoach.coach;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A plan coach-service made for a goal, as it published it ({@code plan.generated}). */
@Entity
@Table(name = "plans")
public class GeneratedPlan {

    @Id
    @Column(name = "goal_id")
    public UUID goalId;

    @Column(name = "member_id")
    public UUID memberId;

    /** READY or FALLBACK. */
    public String outcome;

    public String provider;

    public String model;

    /** The {@code plan.generated} data, JSON. */
    public String plan;

    @Column(name = "created_at")
    public Instant createdAt;
}
