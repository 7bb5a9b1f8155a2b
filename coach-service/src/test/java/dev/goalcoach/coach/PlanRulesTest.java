package dev.goalcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PlanRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static Plan.Habit habit(String type, List<DayOfWeek> days, Integer n, Integer every, Integer minutes) {
        return new Plan.Habit("Run", type, days, n, every, minutes, null, null, null);
    }

    private static PlanRequest goal(Integer budget, Set<DayOfWeek> unavailable) {
        return new PlanRequest("Run", null, null, budget, unavailable, TODAY.plusDays(30), TODAY);
    }

    @Test
    void aPlanOverTheWeeklyBudgetDoesNotFit() {
        var plan = new Plan("", List.of(), List.of(habit("TIMES_PER_WEEK", null, 3, null, 50)));
        assertThat(PlanRules.problems(plan, goal(120, Set.of())))
                .singleElement()
                .asString()
                .contains("150 minutes", "allows 120");
        assertThat(PlanRules.problems(plan, goal(150, Set.of()))).isEmpty();
    }

    @Test
    void aHabitOnADayTheMemberIsNotAvailableDoesNotFit() {
        var sundays = Set.of(DayOfWeek.SUNDAY);
        assertThat(PlanRules.problems(
                        new Plan("", List.of(), List.of(habit("WEEKDAYS", List.of(DayOfWeek.SUNDAY), null, null, 30))),
                        goal(null, sundays)))
                .singleElement()
                .asString()
                .contains("SUNDAY");
        assertThat(PlanRules.problems(
                        new Plan("", List.of(), List.of(habit("DAILY", null, null, null, 30))), goal(null, sundays)))
                .hasSize(1);
        assertThat(PlanRules.problems(
                        new Plan("", List.of(), List.of(habit("TIMES_PER_WEEK", null, 7, null, 30))),
                        goal(null, sundays)))
                .hasSize(1);
        assertThat(PlanRules.problems(
                        new Plan("", List.of(), List.of(habit("EVERY_N_DAYS", null, null, 3, 30))),
                        goal(null, sundays)))
                .hasSize(1);
    }

    @Test
    void schedulesMustBeCompleteAndDatesWithinTheGoal() {
        var plan = new Plan(
                "",
                List.of(new Plan.Subgoal("late", TODAY.plusDays(31)), new Plan.Subgoal("past", TODAY.minusDays(1))),
                List.of(
                        habit("WEEKDAYS", null, null, null, null),
                        habit("TIMES_PER_WEEK", List.of(DayOfWeek.MONDAY), null, null, null),
                        habit("HOURLY", null, null, null, null)));
        assertThat(PlanRules.problems(plan, goal(null, Set.of())))
                .anyMatch(p -> p.startsWith("subgoals[0].dueDate"))
                .anyMatch(p -> p.startsWith("subgoals[1].dueDate"))
                .anyMatch(p -> p.startsWith("habits[0].days is required"))
                .anyMatch(p -> p.startsWith("habits[1].timesPerWeek must be"))
                .anyMatch(p -> p.startsWith("habits[1].days belongs"))
                .anyMatch(p -> p.startsWith("habits[2].scheduleType HOURLY"))
                .anyMatch(p -> p.contains("repeats another habit"));
        assertThat(PlanRules.problems(new Plan("", List.of(), List.of()), goal(null, Set.of())))
                .containsExactly("a plan has 1 to 8 habits, this one has 0");
    }
}
