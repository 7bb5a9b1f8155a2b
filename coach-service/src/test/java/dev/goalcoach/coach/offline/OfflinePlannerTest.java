package dev.goalcoach.coach.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.coach.Plan;
import dev.goalcoach.coach.PlanRequest;
import dev.goalcoach.coach.PlanRules;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class OfflinePlannerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private final OfflinePlanner planner = new OfflinePlanner();

    private static PlanRequest goal(String title, Integer minutes, Set<DayOfWeek> unavailable, LocalDate target) {
        return new PlanRequest(title, null, "FITNESS", minutes, unavailable, target, TODAY);
    }

    @Test
    void runThreeTimesAWeekIn120MinutesAWeekStaysWithinThe120Minutes() {
        var plan = planner.plan(goal("run 3 times a week, 120 minutes a week", null, Set.of(), null));

        var run = plan.habits().get(0);
        assertThat(run.title()).isEqualTo("Run");
        assertThat(run.scheduleType()).isEqualTo("WEEKDAYS");
        assertThat(run.days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(run.sessionsPerWeek()).isEqualTo(3);
        assertThat(plan.weeklyMinutes()).isLessThanOrEqualTo(120).isGreaterThanOrEqualTo(100);
        assertThat(run.minutesPerSession() * 3).isLessThanOrEqualTo(120);
        assertThat(plan.rationale()).contains("120 minutes");
        assertThat(PlanRules.problems(plan, goal("run 3 times a week, 120 minutes a week", null, Set.of(), null)))
                .isEmpty();
    }

    @Test
    void theGoalsOwnBudgetFieldCountsAsMuchAsItsWords() {
        var request = goal("Run 3 times a week", 90, Set.of(), null);
        var plan = planner.plan(request);
        assertThat(plan.weeklyMinutes()).isLessThanOrEqualTo(90);
        assertThat(plan.habits().get(0).minutesPerSession()).isEqualTo(26); // (90 − 10 review) / 3
    }

    @Test
    void daysTheMemberIsNotAvailableAreNeverPlanned() {
        var unavailable = EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SATURDAY);
        var request = goal("Swim three times a week", null, unavailable, null);
        var plan = planner.plan(request);

        for (var h : plan.habits()) {
            assertThat(h.scheduleType()).isEqualTo("WEEKDAYS");
            assertThat(h.days()).doesNotContainAnyElementsOf(unavailable);
        }
        assertThat(plan.habits().get(0).days()).hasSize(3);
        assertThat(PlanRules.problems(plan, request)).isEmpty();
    }

    @Test
    void milestonesRunFromNextWeekToTheTargetDate() {
        var target = TODAY.plusDays(60);
        var plan = planner.plan(goal("Read 20 minutes a day", null, Set.of(), target));
        assertThat(plan.habits().get(0).scheduleType()).isEqualTo("DAILY");
        assertThat(plan.habits().get(0).minutesPerSession()).isEqualTo(20);
        assertThat(plan.subgoals())
                .extracting(Plan.Subgoal::dueDate)
                .containsExactly(TODAY.plusDays(7), TODAY.plusDays(30), target);
    }

    @Test
    void everyPlanItMakesFitsItsGoal() {
        var random = new Random(7);
        var words = List.of(
                "run",
                "swim twice a week",
                "meditate daily",
                "study every other day",
                "yoga on Mondays and Fridays",
                "walk 5 times a week for 30 minutes",
                "piano 2 hours a week",
                "save money",
                "stretch every 3 days");
        for (int i = 0; i < 500; i++) {
            var unavailable = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) {
                if (random.nextInt(5) == 0 && unavailable.size() < 6) {
                    unavailable.add(d);
                }
            }
            Integer budget = random.nextBoolean() ? null : 1 + random.nextInt(600);
            LocalDate target = random.nextBoolean() ? null : TODAY.plusDays(random.nextInt(200));
            var request = goal(words.get(random.nextInt(words.size())), budget, unavailable, target);
            var plan = planner.plan(request);
            assertThat(PlanRules.problems(plan, request)).as(request.toString()).isEmpty();
            assertThat(planner.plan(request)).as("deterministic").isEqualTo(plan);
        }
    }
}
