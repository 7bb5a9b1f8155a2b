package dev.goalcoach.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ServiceClockTest {

    // the real time stands still here, so that the offsets can be checked exactly
    private static final Instant REAL = Instant.parse("2026-11-30T10:15:30.123456789Z");
    private static final Clock BASE = Clock.fixed(REAL, ZoneOffset.UTC);

    @Test
    void withoutAnOffsetItIsTheRealTimeToMicroseconds() {
        var clock = ServiceClock.of(BASE, List.of("prod"), null);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-30T10:15:30.123456Z"));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.adjustable()).isFalse();
    }

    @Test
    void theProdProfileRefusesToStartWithAnOffsetAndWillNotBeMoved() {
        assertThatThrownBy(() -> ServiceClock.of(BASE, List.of("prod"), "P3D"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GOALCOACH_CLOCK_OFFSET")
                .hasMessageContaining("dev and test");
        var clock = ServiceClock.of(BASE, List.of("prod"), " ");
        assertThatThrownBy(() -> clock.setOffset(Duration.ofDays(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> clock.pin(REAL)).isInstanceOf(IllegalStateException.class);
        assertThat(clock.instant()).isEqualTo(REAL.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void devAndTestRunAtTheirOffsetWhichCanBeMoved() {
        var dev = ServiceClock.of(BASE, List.of("dev"), "P3D");
        assertThat(dev.instant()).isEqualTo(Instant.parse("2026-12-03T10:15:30.123456Z"));
        var test = ServiceClock.of(BASE, List.of("test"), "-PT10H16M");
        assertThat(test.instant()).isEqualTo(Instant.parse("2026-11-29T23:59:30.123456Z"));
        test.setOffset(Duration.ofDays(31));
        assertThat(test.instant()).isEqualTo(Instant.parse("2026-12-31T10:15:30.123456Z"));
        assertThat(test.offset()).isEqualTo(Duration.ofDays(31));
    }

    @Test
    void aPinnedClockStandsStillUntilReleased() {
        var clock = ServiceClock.of(Clock.systemUTC(), List.of("test"), "P1D");
        clock.pin(Instant.parse("2028-02-29T12:00:00Z"));
        assertThat(clock.pinned()).isTrue();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2028-02-29T12:00:00Z"));
        assertThat(LocalDate.now(clock.withZone(ZoneId.of("Pacific/Auckland"))))
                .isEqualTo(LocalDate.parse("2028-03-01"));
        clock.release();
        assertThat(clock.pinned()).isFalse();
        // released, it runs a day ahead of the real time (its base here)
        assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    void aClockRunFromAnInstantRunsOnUntilReleasedToItsConfiguredOffset() {
        var real = new MovingClock(REAL);
        var clock = ServiceClock.of(real, List.of("test"), "-P1D");
        clock.runFrom(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
        real.now = REAL.plusSeconds(90);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2027-03-28T01:31:30Z"));
        clock.release();
        assertThat(clock.offset()).isEqualTo(Duration.ofDays(-1));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-29T10:17:00.123456Z"));
    }

    /** A real time that the test moves. */
    private static final class MovingClock extends Clock {
        volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone); // the service clock never asks its base for another zone
        }
    }

    @Test
    void anOffsetThatIsNoDurationIsRefusedByName() {
        assertThatThrownBy(() -> ServiceClock.of(BASE, List.of("dev"), "3 days"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GOALCOACH_CLOCK_OFFSET must be an ISO-8601 duration");
    }

    @Test
    void aMembersZoneIsUtcWhenUnknownOrNoZone() {
        assertThat(MemberZone.of(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(MemberZone.of("Mars/Olympus")).isEqualTo(ZoneOffset.UTC);
        assertThat(MemberZone.of("Asia/Tokyo")).isEqualTo(ZoneId.of("Asia/Tokyo"));
        var clock = ServiceClock.of(BASE, List.of("test"), "PT14H");
        assertThat(MemberZone.today(clock, ZoneId.of("Asia/Tokyo"))).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(MemberZone.today(clock, ZoneOffset.UTC)).isEqualTo(LocalDate.parse("2026-12-01"));
    }
}
