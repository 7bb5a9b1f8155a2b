package dev.goalcoach.coach.rest;

import dev.goalcoach.coach.Plan;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The JSON coach-service reads and answers. */
public final class CoachDtos {

    /** A goal to plan for, without creating it. */
    public record PlanPreviewRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 2000) String description,

            @Pattern(regexp = "FITNESS|LEARNING|HEALTH|MINDFULNESS|FINANCE|CAREER|OTHER")
            String theme,

            @Min(1) @Max(10080) Integer minutesPerWeek,
            @Size(max = 6) Set<DayOfWeek> unavailableDays,
            LocalDate targetDate) {}

    /** A plan and what made it. {@code weeklyMinutes}: what its habits take in a week, against the budget. */
    public record PlanView(
            String outcome,
            String provider,
            String model,
            String rationale,
            Integer weeklyBudget,
            int weeklyMinutes,
            List<Plan.Subgoal> subgoals,
            List<Plan.Habit> habits) {}

    private CoachDtos() {}
}
