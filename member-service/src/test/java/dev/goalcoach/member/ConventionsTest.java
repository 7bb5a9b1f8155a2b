package dev.goalcoach.member;

import dev.goalcoach.testkit.Conventions;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What operators and client developers expect of every service, open without a token. */
@QuarkusTest
class ConventionsTest {

    @Test
    void readinessCoversPostgresAndKafka() {
        Conventions.readyWith("Kafka", "Reactive PostgreSQL connections health check");
    }

    @Test
    void openApiDescribesTheApiAndItsBearerScheme() {
        Conventions.openApiDescribes("/auth/login", "/members/{id}");
    }

    @Test
    void prometheusMetricsIncludeTheOutboxBacklog() {
        Conventions.prometheusExposes("goalcoach_outbox_backlog", "jvm_memory_used_bytes");
    }
}
