package dev.goalcoach.goal.api;

import dev.goalcoach.goal.CheckinStatus;
import dev.goalcoach.goal.GoalStatus;
import dev.goalcoach.goal.Habit;
import dev.goalcoach.goal.PlanStatus;
import dev.goalcoach.goal.PlanSuggestion;
import dev.goalcoach.goal.Schedule;
import dev.goalcoach.goal.Theme;
import dev.goalcoach.kit.validation.CalendarDate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The JSON shapes of goal-service's API. */
public final class GoalDtos {

    /** The largest target or check-in value: what the warehouse keeps, {@code numeric(18,4)}. */
    public static final String MAX_AMOUNT = "99999999999999.9999";

    static final String HH_MM = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    public record Constraints(@Min(1) @Max(10080) Integer minutesPerWeek, Set<DayOfWeek> unavailableDays) {}

    public record ScheduleSpec(
            @NotNull Schedule.Type type, Set<DayOfWeek> days, Integer timesPerWeek, Integer everyNDays) {}

    public record Target(
            @NotNull @DecimalMin("0") @DecimalMax(MAX_AMOUNT)
            BigDecimal value,

            @Size(max = 30) String unit,
            Habit.Direction direction) {}

    public record SubgoalRequest(
            @NotBlank @Size(max = 200) String title,
            @CalendarDate LocalDate dueDate) {}

    public record HabitRequest(
            @NotBlank @Size(max = 200) String title,
            @NotNull @Valid ScheduleSpec schedule,
            @CalendarDate LocalDate startDate,
            @Valid Target target,

            @Size(max = 10)
            List<@NotNull @Pattern(regexp = HH_MM, message = "must be a time of day as HH:mm") String> reminderTimes) {}

    /** A new goal. With habits it is a MANUAL plan; without, coach-service is asked for one (PENDING). */
    public record GoalRequest(
            UUID memberId,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String description,
            @NotNull Theme theme,
            @Valid Constraints constraints,
            @CalendarDate LocalDate targetDate,
            @Size(max = 50) List<@Valid @NotNull SubgoalRequest> subgoals,
            @Size(max = 20) List<@Valid @NotNull HabitRequest> habits) {}

    /** A partial update of a goal's own fields; absent fields stay. */
    public record GoalUpdate(
            @Size(min = 1, max = 200) String title,
            @Size(max = 4000) String description,
            Theme theme,
            @Valid Constraints constraints,
            @CalendarDate LocalDate targetDate,
            GoalStatus status) {}

    public record SubgoalView(UUID id, int position, String title, LocalDate dueDate, boolean done) {}

    public record HabitView(
            UUID id,
            String title,
            ScheduleSpec schedule,
            LocalDate startDate,
            Target target,
            List<String> reminderTimes,
            boolean active) {}

    public record GoalView(
            UUID id,
            UUID memberId,
            String title,
            String description,
            Theme theme,
            Constraints constraints,
            LocalDate targetDate,
            GoalStatus status,
            PlanStatus planStatus,
            List<SubgoalView> subgoals,
            List<HabitView> habits,
            Instant createdAt,
            Instant updatedAt,
            long revision) {}

    /** {@code habitId} may be left out on {@code POST /goals/{id}/checkin} when the goal has one habit. */
    public record CheckinRequest(
            UUID habitId,
            @CalendarDate LocalDate date,
            CheckinStatus status,
            @DecimalMax(MAX_AMOUNT) BigDecimal value,
            @Size(max = 1000) String note) {}

    public record CheckinView(
            UUID id,
            UUID habitId,
            UUID goalId,
            LocalDate date,
            CheckinStatus status,
            BigDecimal value,
            String note,
            Instant createdAt,
            Instant updatedAt) {}

    public static final int MAX_BULK = 500;

    /** Check-ins a client collected while offline: all are stored, or none (and the answer says which failed). */
    public record BulkCheckinRequest(
            @NotNull @Size(min = 1, max = MAX_BULK) List<@NotNull @Valid CheckinRequest> checkins) {}

    /** An admin's import of a member's past check-ins ({@code POST /checkins/import}). */
    public record ImportCheckinsRequest(
            @NotNull UUID memberId,
            @NotNull @Size(min = 1, max = MAX_BULK) List<@NotNull @Valid CheckinRequest> checkins) {}

    public record BulkCheckinResult(int created, int updated, List<CheckinView> checkins) {}

    public record JournalRequest(
            @NotNull @Size(min = 1, max = 10_000) String text,
            @Min(1) @Max(5) Integer mood,
            Boolean sharedWithMentor) {}

    /** A partial edit of an entry; absent fields stay. */
    public record JournalUpdate(
            @Size(min = 1, max = 10_000) String text,
            @Min(1) @Max(5) Integer mood,
            Boolean sharedWithMentor) {}

    public record Sentiment(BigDecimal score, String label, List<String> emotions, String model) {}

    /** {@code text} is null when a mentor reads an entry the member did not share. */
    /**
     * An entry's text at one revision, for a service that reads it and forgets it (coach-service's sentiment
     * reading); never routed to members.
     */
    public record JournalText(UUID entryId, UUID memberId, long revision, String text) {}

    public record JournalView(
            UUID id,
            UUID memberId,
            String text,
            Integer mood,
            boolean sharedWithMentor,
            Sentiment sentiment,
            Instant createdAt,
            Instant updatedAt) {}

    public record Decision(@Size(max = 1000) String note) {}

    public record SuggestionView(
            UUID id,
            UUID goalId,
            String kind,
            String reason,
            UUID habitId,
            HabitRequest habit,
            BigDecimal targetValue,
            PlanSuggestion.Status status,
            UUID decidedBy,
            String decisionNote,
            Instant decidedAt,
            Instant createdAt) {}

    /** A partial edit of a habit; absent fields stay. {@code target} null leaves it; there is no un-measuring. */
    public record HabitUpdate(
            @Size(min = 1, max = 200) String title,
            @Valid ScheduleSpec schedule,
            @Valid Target target,

            @Size(max = 10)
            List<@NotNull @Pattern(regexp = HH_MM, message = "must be a time of day as HH:mm") String> reminderTimes,

            Boolean active) {}

    public record SubgoalUpdate(
            @Size(min = 1, max = 200) String title,
            @CalendarDate LocalDate dueDate,
            Boolean done) {}

    private GoalDtos() {}
}
