package dev.goalcoach.goal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** How a habit went on one member-local date. One per habit and date. */
@Entity
@Table(name = "checkins")
public class Checkin {

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "goal_id")
    public UUID goalId;

    @Column(name = "habit_id")
    public UUID habitId;

    @Column(name = "local_date")
    public LocalDate localDate;

    @Enumerated(EnumType.STRING)
    public CheckinStatus status;

    public BigDecimal value;

    public String note;

    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
