package dev.goalcoach.goal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

/** A milestone on the way to a goal, in order. */
@Entity
@Table(name = "subgoals")
public class Subgoal {

    @Id
    public UUID id;

    @Column(name = "goal_id")
    public UUID goalId;

    public int position;

    public String title;

    @Column(name = "due_date")
    public LocalDate dueDate;

    public boolean done;
}
