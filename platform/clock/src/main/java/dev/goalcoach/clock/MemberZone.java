package dev.goalcoach.clock;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A member's time zone as the directory keeps it (a zone id), and their date on a clock. Pure. */
public final class MemberZone {

    /** The zone named, or UTC when none is known or the name is not a zone. */
    public static ZoneId of(String timezone) {
        if (timezone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The member's "today": the clock's instant as a date in their zone. */
    public static LocalDate today(Clock clock, ZoneId zone) {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** The member's "today" by the zone the directory keeps for them (UTC when unknown). */
    public static LocalDate today(Clock clock, String timezone) {
        return today(clock, of(timezone));
    }

    private MemberZone() {}
}
