package dev.goalcoach.goal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/** Dates as the member lives them: "today" is today in their own time zone. Pure. */
public final class MemberCalendar {

    public static LocalDate today(ZoneId zone, Instant now) {
        return now.atZone(zone).toLocalDate();
    }

    /**
     * Why a check-in for {@code date} cannot be logged, or empty when it can: not in the member's future, not
     * before the habit started, not more than {@code backdateDays} before today.
     */
    public static Optional<String> checkinDateProblem(
            LocalDate date, LocalDate today, LocalDate habitStart, int backdateDays) {
        if (date.isAfter(today)) {
            return Optional.of("is in the future for your time zone (today is " + today + ")");
        }
        if (date.isBefore(habitStart)) {
            return Optional.of("is before the habit started (" + habitStart + ")");
        }
        if (date.isBefore(today.minusDays(backdateDays))) {
            return Optional.of("is more than " + backdateDays + " days ago; older days can no longer be logged");
        }
        return Optional.empty();
    }

    private MemberCalendar() {}
}
