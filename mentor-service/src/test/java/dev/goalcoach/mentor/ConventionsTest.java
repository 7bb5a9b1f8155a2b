package dev.goalcoach.mentor;

import dev.goalcoach.testkit.ConventionsContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** What operators and client developers expect of every service, open without a token. */
@QuarkusTest
class ConventionsTest extends ConventionsContract {

    ConventionsTest() {
        super(
                List.of("Kafka", "Reactive PostgreSQL connections health check"),
                List.of("/mentor/notes", "/mentor/chat/{mentor_id}/patients"),
                List.of("goalcoach_outbox_backlog"));
    }
}
