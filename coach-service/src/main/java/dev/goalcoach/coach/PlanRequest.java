package dev.goalcoach.coach;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * What a plan is made for: a goal as the member wrote it and the constraints it carries. {@code minutesPerWeek}
 * and {@code unavailableDays} are the goal's own fields; the goal's text may state more ("120 minutes a week"),
 * read by {@link GoalText}. {@code today} is the member's local date.
 */
public record PlanRequest(
        String title,
        String description,
        String theme,
        Integer minutesPerWeek,
        Set<DayOfWeek> unavailableDays,
        LocalDate targetDate,
        LocalDate today) {

    public PlanRequest {
        unavailableDays = unavailableDays == null ? Set.of() : Set.copyOf(unavailableDays);
    }

    /** The goal's text: title and description. */
    public String text() {
        return description == null || description.isBlank() ? title : title + ". " + description;
    }

    /** The weekly time budget: the goal's field, else what its text states, else none. */
    public Integer weeklyMinutes() {
        return minutesPerWeek != null
                ? minutesPerWeek
                : GoalText.weeklyMinutes(text()).orElse(null);
    }
}
