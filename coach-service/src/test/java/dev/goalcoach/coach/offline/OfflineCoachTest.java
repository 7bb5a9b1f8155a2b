package dev.goalcoach.coach.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.coach.CoachContext;
import dev.goalcoach.coach.CoachContext.CheckinFacts;
import dev.goalcoach.coach.CoachContext.GoalFacts;
import dev.goalcoach.coach.CoachContext.HabitFacts;
import dev.goalcoach.coach.CoachContext.HabitMetrics;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class OfflineCoachTest {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    private static final UUID RUN = UUID.randomUUID();
    private static final UUID STRETCH = UUID.randomUUID();
    private final OfflineCoach coach = new OfflineCoach();

    private static CoachContext context(String adherence7, int streak, int longest, Map<String, String> sources) {
        var goals = List.of(new GoalFacts(
                UUID.randomUUID(),
                "Run a 10k",
                "ACTIVE",
                "READY",
                List.of(
                        new HabitFacts(
                                RUN,
                                "Run",
                                "WEEKDAYS",
                                List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                null,
                                null,
                                FRIDAY.minusDays(30),
                                true,
                                null),
                        new HabitFacts(
                                STRETCH, "Stretch", "DAILY", null, null, null, FRIDAY.minusDays(30), true, null))));
        var metrics = new CoachContext.Metrics(
                FRIDAY,
                adherence7 == null ? null : new BigDecimal(adherence7),
                new BigDecimal("0.9000"),
                new BigDecimal("0.8500"),
                streak,
                longest,
                "day",
                35,
                "medium",
                List.of("2 due days missed in a row"),
                Map.of(
                        RUN, new HabitMetrics(new BigDecimal("0.5"), 0, "day", new BigDecimal("0.41")),
                        STRETCH, new HabitMetrics(new BigDecimal("1"), 6, "day", new BigDecimal("0.77"))));
        return new CoachContext(FRIDAY, goals, metrics, List.of(new CheckinFacts(STRETCH, FRIDAY, "DONE")), sources);
    }

    private static final Map<String, String> ALL_THERE =
            Map.of("goals", "goal-service", "checkins", "goal-service", "metrics", "analytics-service");

    @Test
    void howAmIDoingStatesTheActualSevenDayAdherenceAndStreak() {
        String reply = coach.reply("how am I doing?", context("0.7143", 4, 9, ALL_THERE));
        assertThat(reply)
                .contains("Your 7-day adherence is 71 %")
                .contains("(30 days: 90 %)")
                .contains("below your usual")
                .contains("current streak is 4 days (longest: 9 days)")
                .contains("Strongest habit: Stretch", "needs you most: Run")
                .doesNotContain("couldn't reach");

        assertThat(coach.reply("How am I doing", context("0.8571", 1, 12, ALL_THERE)))
                .contains("86 %", "on track", "1 day (longest: 12 days)");
    }

    @Test
    void todayListsWhatIsStillDue() {
        assertThat(coach.reply("what should I do today?", context("0.5", 0, 3, ALL_THERE)))
                .contains("Due today: Run.")
                .doesNotContain("Stretch,");
    }

    @Test
    void aStruggleGetsTheRiskReasonAndTheSmallestStep() {
        assertThat(coach.reply("I'm so tired, I skipped again", context("0.3", 0, 9, ALL_THERE)))
                .contains("2 due days missed in a row", "9 days in a row before", "smallest version of Run");
    }

    @Test
    void aMissingPartIsSaidNotInvented() {
        var noMetrics = new CoachContext(
                FRIDAY,
                List.of(),
                null,
                List.of(),
                Map.of("goals", "goal-service", "checkins", "goal-service", "metrics", CoachContext.UNAVAILABLE));
        assertThat(coach.reply("how am I doing?", noMetrics))
                .contains("I can't see your numbers right now")
                .contains("couldn't reach your latest numbers")
                .doesNotContain("%");
        var newMember = new CoachContext(
                FRIDAY,
                List.of(),
                null,
                List.of(),
                Map.of("goals", "goal-service", "checkins", "goal-service", "metrics", CoachContext.NOT_YET));
        assertThat(coach.reply("how am I doing?", newMember)).contains("once your first check-ins are counted");
    }
}
