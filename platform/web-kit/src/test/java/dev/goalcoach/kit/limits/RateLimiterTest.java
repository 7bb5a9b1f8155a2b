package dev.goalcoach.kit.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.goalcoach.kit.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RateLimiterTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();

    @Test
    void aRateIsReadFromItsConfigurationText() {
        assertThat(Rate.of("30/1m")).isEqualTo(new Rate(30, Duration.ofMinutes(1)));
        assertThat(Rate.of(" 5 / PT1H ")).isEqualTo(new Rate(5, Duration.ofHours(1)));
        assertThat(Rate.of("10/15m").per()).isEqualTo(Duration.ofMinutes(15));
        for (String bad : new String[] {"30", "/1m", "x/1m", "0/1m", "5/0s", "5/-1m", "5/soon"}) {
            assertThatThrownBy(() -> Rate.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void pastTheAllowanceA429TellsWhenToComeBack() {
        var limiter = new RateLimiter(Rate.of("3/1m"), "too many tries", clock, 100);
        for (int i = 0; i < 3; i++) {
            limiter.take("203.0.113.7");
        }
        assertThatThrownBy(() -> limiter.take("203.0.113.7")).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(429);
            // one of three refills every 20 s
            assertThat(p.retryAfterSeconds()).isEqualTo(20);
            assertThat(p.getMessage()).startsWith("too many tries");
        });
        // another key has its own allowance
        assertThatCode(() -> limiter.take("203.0.113.8")).doesNotThrowAnyException();
        // the allowance refills evenly: one try after 20 s, not three
        clock.advance(Duration.ofSeconds(20));
        limiter.take("203.0.113.7");
        assertThatThrownBy(() -> limiter.take("203.0.113.7")).isInstanceOf(ProblemException.class);
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            limiter.take("203.0.113.7");
        }
    }

    @Test
    void checkTakesNothingAndChargeTakesWithoutRefusing() {
        var limiter = new RateLimiter(Rate.of("2/10m"), "too many failed sign-ins", clock, 100);
        for (int i = 0; i < 5; i++) {
            limiter.check("ana@example.org");
        }
        limiter.charge("ana@example.org");
        limiter.check("ana@example.org");
        limiter.charge("ana@example.org");
        limiter.charge("ana@example.org");
        assertThatThrownBy(() -> limiter.check("ana@example.org"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        p -> assertThat(p.retryAfterSeconds()).isEqualTo(300));
        limiter.forgive("ana@example.org");
        limiter.check("ana@example.org");
    }
}
