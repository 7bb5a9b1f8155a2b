package dev.goalcoach.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ScheduleTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 2); // a Monday

    @Test
    void timesPerWeekMustBeOneToSeven() {
        assertThatThrownBy(() -> Schedule.of(Schedule.Type.TIMES_PER_WEEK, null, 0, null))
                .hasMessageContaining("timesPerWeek");
        assertThatThrownBy(() -> Schedule.of(Schedule.Type.TIMES_PER_WEEK, null, 8, null))
                .hasMessageContaining("timesPerWeek");
        assertThatThrownBy(() -> Schedule.of(Schedule.Type.TIMES_PER_WEEK, null, null, null))
                .hasMessageContaining("timesPerWeek");
        assertThat(Schedule.of(Schedule.Type.TIMES_PER_WEEK, null, 7, null).timesPerWeek())
                .isEqualTo(7);
    }

    @Test
    void weekdaysNeedAtLeastOneDay() {
        assertThatThrownBy(() -> Schedule.of(Schedule.Type.WEEKDAYS, Set.of(), null, null))
                .hasMessageContaining("days");
        assertThatThrownBy(() -> Schedule.of(Schedule.Type.WEEKDAYS, null, null, null))
                .hasMessageContaining("days");
    }

    @Test
    void everyNDaysMustBePositiveAndBounded() {
        assertThatThrownBy(() -> Schedule.of(Schedule.Type.EVERY_N_DAYS, null, null, 0))
                .hasMessageContaining("everyNDays");
        assertThatThrownBy(() -> Schedule.of(Schedule.Type.EVERY_N_DAYS, null, null, 366))
                .hasMessageContaining("everyNDays");
    }

    @Test
    void aScheduleRefusesPartsOfAnotherType() {
        assertThatThrownBy(() -> Schedule.of(Schedule.Type.DAILY, null, 3, null))
                .hasMessageContaining("timesPerWeek");
        assertThatThrownBy(() -> Schedule.of(Schedule.Type.TIMES_PER_WEEK, Set.of(DayOfWeek.MONDAY), 3, null))
                .hasMessageContaining("days");
        assertThatThrownBy(() -> Schedule.of(null, null, null, null)).hasMessageContaining("type");
    }

    @Test
    void dueDaysFollowTheSchedule() {
        var daily = Schedule.of(Schedule.Type.DAILY, null, null, null);
        var monWedFri = Schedule.of(
                Schedule.Type.WEEKDAYS, Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), null, null);
        var everyThird = Schedule.of(Schedule.Type.EVERY_N_DAYS, null, null, 3);

        assertThat(daily.isDueOn(START, START.minusDays(1))).isFalse();
        assertThat(daily.isDueOn(START, START.plusDays(10))).isTrue();
        assertThat(monWedFri.isDueOn(START, START)).isTrue(); // Monday
        assertThat(monWedFri.isDueOn(START, START.plusDays(1))).isFalse(); // Tuesday
        assertThat(monWedFri.isDueOn(START, START.plusDays(4))).isTrue(); // Friday
        assertThat(everyThird.isDueOn(START, START)).isTrue();
        assertThat(everyThird.isDueOn(START, START.plusDays(2))).isFalse();
        assertThat(everyThird.isDueOn(START, START.plusDays(3))).isTrue();
        assertThat(everyThird.isDueOn(START, START.plusDays(30))).isTrue();
    }

    @Test
    void frequencyPerDayIsWhatHabitStrengthNeeds() {
        assertThat(Schedule.of(Schedule.Type.DAILY, null, null, null).frequencyPerDay())
                .isEqualTo(1.0);
        assertThat(Schedule.of(Schedule.Type.TIMES_PER_WEEK, null, 3, null).frequencyPerDay())
                .isEqualTo(3 / 7.0);
        assertThat(Schedule.of(Schedule.Type.WEEKDAYS, Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), null, null)
                        .frequencyPerDay())
                .isEqualTo(2 / 7.0);
        assertThat(Schedule.of(Schedule.Type.EVERY_N_DAYS, null, null, 4).frequencyPerDay())
                .isEqualTo(0.25);
    }
}
