package dev.goalcoach.testkit;

import dev.goalcoach.clock.ServiceClock;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.time.Instant;

/**
 * Sets the service's business clock for each {@code @QuarkusTest}: pinned at (or run from) the class's {@link
 * ClockAt} before each test, released after each, whatever the test did to it. Found by the ServiceLoader.
 */
public class ClockCallbacks implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        ClockAt at = context.getTestInstance().getClass().getAnnotation(ClockAt.class);
        ServiceClock clock = clock();
        if (at == null || clock == null) {
            return;
        }
        Instant instant = Instant.parse(at.value());
        if (at.running()) {
            clock.runFrom(instant);
        } else {
            clock.pin(instant);
        }
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        ServiceClock clock = clock();
        if (clock != null) {
            clock.release();
        }
    }

    /** The application's clock, or null for an application without one. */
    private static ServiceClock clock() {
        var container = Arc.container();
        if (container == null) {
            return null;
        }
        var clock = container.select(ServiceClock.class);
        return clock.isResolvable() ? clock.get() : null;
    }
}
