package dev.goalcoach.sync;

import dev.goalcoach.testkit.ConventionsContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** What operators and client developers expect of every service, open without a token. */
@QuarkusTest
class ConventionsTest extends ConventionsContract {

    ConventionsTest() {
        super(
                List.of("Kafka", "Warehouse"),
                List.of("/sync/status", "/sync/replay"),
                List.of("goalcoach_sync_events_total", "goalcoach_sync_consumer_lag"));
    }
}
