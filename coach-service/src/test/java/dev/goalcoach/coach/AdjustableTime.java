package dev.goalcoach.coach;

import dev.goalcoach.coach.service.TimeSource;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The service's clock in tests: the real time unless a test stands it at a chosen instant. */
@Mock
@ApplicationScoped
public class AdjustableTime extends TimeSource {

    private volatile Instant fixed;

    public void standAt(Instant instant) {
        fixed = instant;
    }

    public void release() {
        fixed = null;
    }

    @Override
    public Instant now() {
        Instant f = fixed;
        return f != null ? f : super.now();
    }
}
