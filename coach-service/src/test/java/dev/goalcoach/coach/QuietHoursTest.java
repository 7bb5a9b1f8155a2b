package dev.goalcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Quiet hours in the member's zone: a mail due inside waits for their end, across midnight and DST. */
@Tag("unit")
class QuietHoursTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void outsideNothingWaitsInsideUntilTheEnd() {
        var night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        // 07:00 in Paris (winter, UTC+1): the end is exclusive
        assertThat(night.wait(Instant.parse("2026-11-30T06:00:00Z"), PARIS)).isZero();
        // 23:30 waits until 07:00 the next day
        assertThat(night.wait(Instant.parse("2026-11-30T22:30:00Z"), PARIS)).isEqualTo(Duration.ofMinutes(450));
        // 06:15 waits 45 minutes
        assertThat(night.wait(Instant.parse("2026-12-01T05:15:00Z"), PARIS)).isEqualTo(Duration.ofMinutes(45));
        var morning = new QuietHours(LocalTime.of(6, 30), LocalTime.of(8, 0));
        assertThat(morning.wait(Instant.parse("2026-11-30T06:00:00Z"), PARIS)).isEqualTo(Duration.ofHours(1));
        assertThat(morning.wait(Instant.parse("2026-11-30T07:00:00Z"), PARIS)).isZero();
    }

    @Test
    void theNightTheClocksGoForwardIsAnHourShorter() {
        var night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        // 2026-03-29 in Paris: 02:00 becomes 03:00; from 23:00 on the 28th (UTC+1) to 07:00 (UTC+2) is 7 hours
        assertThat(night.wait(Instant.parse("2026-03-28T22:00:00Z"), PARIS)).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void aStartEqualToItsEndIsRefused() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
