package dev.goalcoach.goal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MemberCalendarTest {

    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void theSameInstantIsTwoDifferentDaysInAucklandAndLosAngeles() {
        Instant instant = Instant.parse("2026-11-25T20:00:00Z");
        assertThat(MemberCalendar.today(AUCKLAND, instant)).isEqualTo(LocalDate.of(2026, 11, 26)); // 09:00 NZDT
        assertThat(MemberCalendar.today(LOS_ANGELES, instant)).isEqualTo(LocalDate.of(2026, 11, 25)); // 12:00 PST
    }

    @Test
    void midnightMovesWithDaylightSavingTime() {
        // Los Angeles springs forward on 2026-03-08: midnight is 08:00Z before it, 07:00Z after
        assertThat(MemberCalendar.today(LOS_ANGELES, Instant.parse("2026-03-08T07:59:59Z")))
                .isEqualTo(LocalDate.of(2026, 3, 7));
        assertThat(MemberCalendar.today(LOS_ANGELES, Instant.parse("2026-03-08T08:00:00Z")))
                .isEqualTo(LocalDate.of(2026, 3, 8));
        assertThat(MemberCalendar.today(LOS_ANGELES, Instant.parse("2026-03-09T06:59:59Z")))
                .isEqualTo(LocalDate.of(2026, 3, 8));
        assertThat(MemberCalendar.today(LOS_ANGELES, Instant.parse("2026-03-09T07:00:00Z")))
                .isEqualTo(LocalDate.of(2026, 3, 9));
        // Auckland springs forward on 2026-09-27 (UTC+12 → UTC+13)
        assertThat(MemberCalendar.today(AUCKLAND, Instant.parse("2026-09-26T11:59:59Z")))
                .isEqualTo(LocalDate.of(2026, 9, 26));
        assertThat(MemberCalendar.today(AUCKLAND, Instant.parse("2026-09-27T10:59:59Z")))
                .isEqualTo(LocalDate.of(2026, 9, 27));
        assertThat(MemberCalendar.today(AUCKLAND, Instant.parse("2026-09-27T11:00:00Z")))
                .isEqualTo(LocalDate.of(2026, 9, 28));
    }

    @Test
    void checkinDatesMayNotBeInTheFutureBeforeTheStartOrTooOld() {
        var today = LocalDate.of(2026, 11, 25);
        var start = LocalDate.of(2026, 11, 20);
        assertThat(MemberCalendar.checkinDateProblem(today, today, start, 7)).isEmpty();
        assertThat(MemberCalendar.checkinDateProblem(today.plusDays(1), today, start, 7))
                .hasValueSatisfying(p -> assertThat(p).contains("future"));
        assertThat(MemberCalendar.checkinDateProblem(start.minusDays(1), today, start, 7))
                .hasValueSatisfying(p -> assertThat(p).contains("before the habit started"));
        var longAgo = LocalDate.of(2026, 1, 1);
        assertThat(MemberCalendar.checkinDateProblem(today.minusDays(7), today, longAgo, 7))
                .isEmpty();
        assertThat(MemberCalendar.checkinDateProblem(today.minusDays(8), today, longAgo, 7))
                .hasValueSatisfying(p -> assertThat(p).contains("7 days"));
    }
}
