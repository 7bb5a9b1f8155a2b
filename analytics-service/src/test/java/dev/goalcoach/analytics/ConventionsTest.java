package dev.goalcoach.analytics;

import dev.goalcoach.testkit.ConventionsContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** What operators and client developers expect of every service, open without a token. */
@QuarkusTest
class ConventionsTest extends ConventionsContract {

    ConventionsTest() {
        super(
                List.of("Kafka"),
                List.of("/dashboard/analytics/{user_id}", "/analytics/mentors/{id}/roster"),
                List.of("goalcoach_analytics_refresh_seconds", "goalcoach_analytics_recompute_retries_total"));
    }
}
