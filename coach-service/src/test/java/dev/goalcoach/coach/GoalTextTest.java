package dev.goalcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class GoalTextTest {

    @Test
    void readsHowOften() {
        assertThat(GoalText.timesPerWeek("Run 3 times a week")).hasValue(3);
        assertThat(GoalText.timesPerWeek("swim twice per week")).hasValue(2);
        assertThat(GoalText.timesPerWeek("Gym 4x/week")).hasValue(4);
        assertThat(GoalText.timesPerWeek("meditate daily")).hasValue(7);
        assertThat(GoalText.timesPerWeek("read every day")).hasValue(7);
        assertThat(GoalText.timesPerWeek("stretch every other day")).isEmpty();
        assertThat(GoalText.timesPerWeek("learn Spanish")).isEmpty();
        assertThat(GoalText.timesPerWeek("run 9 times a week")).isEmpty();
        assertThat(GoalText.everyNDays("stretch every other day")).hasValue(2);
        assertThat(GoalText.everyNDays("water the plants every 3 days")).hasValue(3);
    }

    @Test
    void readsHowLong() {
        assertThat(GoalText.weeklyMinutes("run 3 times a week, 120 minutes a week"))
                .hasValue(120);
        assertThat(GoalText.weeklyMinutes("2 hours per week of piano")).hasValue(120);
        assertThat(GoalText.weeklyMinutes("1.5h a week")).hasValue(90);
        assertThat(GoalText.weeklyMinutes("run 3 times a week")).isEmpty();
        assertThat(GoalText.sessionMinutes("read 20 minutes a day")).hasValue(20);
        assertThat(GoalText.sessionMinutes("walk for 45 minutes")).hasValue(45);
        assertThat(GoalText.sessionMinutes("run 120 minutes a week")).isEmpty();
    }

    @Test
    void readsNamedDays() {
        assertThat(GoalText.namedDays("yoga on Mondays and Thursdays"))
                .isEqualTo(Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY));
        assertThat(GoalText.namedDays("study on weekdays")).hasSize(5).doesNotContain(DayOfWeek.SATURDAY);
        assertThat(GoalText.namedDays("run 3 times a week")).isEmpty();
    }

    @Test
    void theActivityIsTheGoalWithoutItsFrequencyAndDuration() {
        assertThat(GoalText.activity("run 3 times a week, 120 minutes a week")).isEqualTo("Run");
        assertThat(GoalText.activity("Meditate daily for 10 minutes")).isEqualTo("Meditate");
        assertThat(GoalText.activity("Learn Spanish")).isEqualTo("Learn Spanish");
        assertThat(GoalText.activity("3 times a week")).isEmpty();
    }
}
