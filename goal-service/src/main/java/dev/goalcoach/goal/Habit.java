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
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Something a member does repeatedly for a goal, on a schedule; optionally measured against a target. */
@Entity
@Table(name = "habits")
public class Habit {

    public enum Direction {
        AT_LEAST,
        AT_MOST
    }

    @Id
    public UUID id;

    @Column(name = "goal_id")
    public UUID goalId;

    @Column(name = "member_id")
    public UUID memberId;

    /** Order within the goal's plan. */
    public int position;

    public String title;

    @Enumerated(EnumType.STRING)
    @Column(name = "schedule_type")
    public Schedule.Type scheduleType;

    @Column(name = "schedule_days")
    public String scheduleDays;

    @Column(name = "times_per_week")
    public Integer timesPerWeek;

    @Column(name = "every_n_days")
    public Integer everyNDays;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "target_value")
    public BigDecimal targetValue;

    @Column(name = "target_unit")
    public String targetUnit;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_direction")
    public Direction targetDirection;

    /** Local times of day to remind the member, comma-separated HH:mm. */
    @Column(name = "reminder_times")
    public String reminderTimes;

    public boolean active;

    @Column(name = "created_at")
    public Instant createdAt;

    public Schedule schedule() {
        return new Schedule(
                scheduleType,
                scheduleType == Schedule.Type.WEEKDAYS ? Goal.days(scheduleDays) : null,
                timesPerWeek,
                everyNDays);
    }

    public void schedule(Schedule s) {
        scheduleType = s.type();
        scheduleDays = Goal.days(s.days());
        timesPerWeek = s.timesPerWeek();
        everyNDays = s.everyNDays();
    }

    /** A measurable habit has a target; a yes/no habit has none and takes no value. */
    public boolean measurable() {
        return targetValue != null;
    }

    public List<LocalTime> reminderTimes() {
        if (reminderTimes == null || reminderTimes.isBlank()) {
            return List.of();
        }
        return Arrays.stream(reminderTimes.split(",")).map(LocalTime::parse).toList();
    }

    public void reminderTimes(List<LocalTime> times) {
        reminderTimes = times == null || times.isEmpty()
                ? null
                : times.stream()
                        .map(t -> t.truncatedTo(ChronoUnit.MINUTES))
                        .sorted()
                        .distinct()
                        .map(LocalTime::toString)
                        .collect(Collectors.joining(","));
    }
}
