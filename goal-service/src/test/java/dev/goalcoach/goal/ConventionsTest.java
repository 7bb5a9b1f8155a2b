package dev.goalcoach.goal;

import dev.goalcoach.testkit.ConventionsContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** What operators and client developers expect of every service, open without a token. */
@QuarkusTest
class ConventionsTest extends ConventionsContract {

    ConventionsTest() {
        super(
                List.of("Kafka", "Reactive PostgreSQL connections health check"),
                List.of("/goals/{goalId}", "/checkins/bulk", "/journal"),
                List.of("goalcoach_outbox_backlog"));
    }
}
