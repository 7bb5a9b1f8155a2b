package dev.goalcoach.kit.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroundingTest {

    private static final String CONTEXT = """
            adherence: 7 days 71%, 30 days 80%, 90 days 83.33%
            streak: current 4 day(s), longest 9
            risk: MEDIUM (41/100): 2 due days missed in a row
              habit: ‹Run› WEEKDAYS, strength 0.4125
              habit: ‹Evening Walk› DAILY
            planned sessions met: the last 7 days to yesterday 5 of 7, the 7 days before 1,000 of 1,200
            """;
    private static final List<String> TITLES = List.of("Run", "Evening Walk", "Get fit");

    private static Grounding.Verdict check(String answer) {
        return Grounding.check(answer, CONTEXT, TITLES, List.of(2, 1));
    }

    @Test
    void numbersOfTheContextAndWhatMayBeDerivedFromThemAreGrounded() {
        assertThat(check("71% this week (80 % over 30 days) and a 4-day streak, your longest 9.")
                        .grounded())
                .isTrue();
        // a ratio of the context as a percentage, whole or to one decimal; a percentage rounded
        assertThat(check("Run's strength is 41% (41.3 %); 90-day adherence 83 % or 83.3%.")
                        .grounded())
                .isTrue();
        // "a of b" in the context, as a percentage; thousands written with a comma
        assertThat(check("You met 5 of 7, that is 71.4 %; before, 1,000 of 1,200 (83 %).")
                        .grounded())
                .isTrue();
        // the windows, and counts of listed items the caller names
        assertThat(check("Over 7, 30 and 90 days your 2 habits held up; 1 goal.")
                        .grounded())
                .isTrue();
        assertThat(check("Your Evening Walk habit and “Run” are on track.").grounded())
                .isTrue();
    }

    @Test
    void anInventedNumberOrNameIsNamed() {
        var v = check("Your streak is 12 days and 64% adherence: keep your “Morning Swim” habit.");
        assertThat(v.grounded()).isFalse();
        assertThat(v.numbers()).containsExactly("12", "64%");
        assertThat(v.names()).containsExactly("Morning Swim");
        assertThat(v.reason()).isEqualTo("numbers not in the context: 12, 64%; names not in the context: Morning Swim");
        assertThat(check("Keep up your Daily Swim habit.").names()).containsExactly("Daily Swim");
        // a ratio is a percentage only rounded: 41.25 % is not a rounding of 0.4125 to a whole or one decimal
        assertThat(check("Strength 41.25 %.").numbers()).containsExactly("41.25%");
        // a count the caller did not name
        assertThat(check("You have 3 habits.").numbers()).containsExactly("3");
    }

    @Test
    void aDateIsADateOfTheContextOrInventedAndItsPartsGroundNothing() {
        String context = CONTEXT + "check-ins by day: Thu 2026-11-12: ‹Run› DONE\n";
        assertThat(Grounding.check("On 2026-11-12 you ran.", context, TITLES, List.of())
                        .grounded())
                .isTrue();
        assertThat(Grounding.check("On 2026-11-13 you ran.", context, TITLES, List.of())
                        .numbers())
                .containsExactly("2026-11-13");
        // the 12 of the date does not ground a 12-day streak
        assertThat(Grounding.check("A 12-day streak!", context, TITLES, List.of())
                        .numbers())
                .containsExactly("12");
    }

    @Test
    void numbersOfTheQuestionAloneDoNotGround() {
        // the member wrote "I ran 50 km": only the context grounds a number
        assertThat(Grounding.check("Great, 50 km!", CONTEXT, TITLES, List.of()).numbers())
                .containsExactly("50");
    }

    @Test
    void numbersAreComparedAsValues() {
        assertThat(Grounding.normal("71.0")).isEqualTo("71");
        assertThat(Grounding.normal("07")).isEqualTo("7");
        assertThat(Grounding.normal("80")).isEqualTo("80");
        assertThat(check("4.0 days").grounded()).isTrue();
    }
}
