package dev.goalcoach.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.goalcoach.kit.health.ConsumersReadiness;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConsumerFailuresTest {

    private static PgException pg(String state) {
        return new PgException("failed", "ERROR", state, null);
    }

    @Test
    void contractViolationsAndRefusedDataCanNeverSucceed() {
        assertThat(ConsumerFailures.permanent(new IllegalArgumentException("not a CloudEvent")))
                .isTrue();
        assertThat(ConsumerFailures.permanent(pg("23505")))
                .as("unique violation")
                .isTrue();
        assertThat(ConsumerFailures.permanent(pg("22003")))
                .as("numeric out of range")
                .isTrue();
        assertThat(ConsumerFailures.permanent(new RuntimeException("wrapped", pg("23503"))))
                .as("found in the cause chain")
                .isTrue();
        assertThat(ConsumerFailures.permanent(new SQLException("value too long", "22001")))
                .isTrue();
    }

    @Test
    void whatThePassingOfTimeMayCureIsRetried() {
        assertThat(ConsumerFailures.permanent(pg("08006")))
                .as("connection failure")
                .isFalse();
        assertThat(ConsumerFailures.permanent(pg("40001")))
                .as("serialization failure")
                .isFalse();
        assertThat(ConsumerFailures.permanent(pg("40P01"))).as("deadlock").isFalse();
        assertThat(ConsumerFailures.permanent(new SQLException("terminating connection", "57P01")))
                .as("administrator shutdown")
                .isFalse();
        assertThat(ConsumerFailures.permanent(new IllegalStateException("Connection closed")))
                .isFalse();
    }

    @Test
    void aTransientFailureIsRetriedUntilTheWorkGoesThrough() {
        var attempts = new AtomicInteger();
        String result = ConsumerFailures.retryingTransient(
                        "a record",
                        () -> attempts.incrementAndGet() < 3
                                ? Uni.createFrom().failure(pg("08006"))
                                : Uni.createFrom().item("applied"))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertThat(result).isEqualTo("applied");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aRecordRetriedTooLongMakesReadinessDownNamingItUntilItGoesThrough() {
        var attempts = new AtomicInteger();
        var seenWhileRetrying = new java.util.ArrayList<HealthCheckResponse>();
        var patient = new ConsumersReadiness(Duration.ofMinutes(5), Clock.systemUTC());
        var strict = new ConsumersReadiness(Duration.ZERO, Clock.systemUTC());
        ConsumerFailures.retryingTransient("goalcoach.members-0@42", () -> {
                    if (attempts.incrementAndGet() == 3) {
                        seenWhileRetrying.add(patient.call());
                        seenWhileRetrying.add(strict.call());
                        return Uni.createFrom().item("applied");
                    }
                    return Uni.createFrom().failure(pg("08006"));
                })
                .await()
                .atMost(Duration.ofSeconds(10));
        var retrying = seenWhileRetrying.get(0);
        assertThat(retrying.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(retrying.getData()
                        .orElseThrow()
                        .get("goalcoach.members-0@42")
                        .toString())
                .startsWith("retrying since");
        var blocked = seenWhileRetrying.get(1);
        assertThat(blocked.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(blocked.getData().orElseThrow().get("goalcoach.members-0@42").toString())
                .startsWith("blocked since")
                .contains("08006");
        assertThat(ConsumerFailures.blocked()).doesNotContainKey("goalcoach.members-0@42");
        assertThat(strict.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aFailureThatCanNeverSucceedComesOutAtOnce() {
        var attempts = new AtomicInteger();
        assertThatThrownBy(() -> ConsumerFailures.retryingTransient("a record", () -> {
                            attempts.incrementAndGet();
                            return Uni.createFrom().<String>failure(pg("23505"));
                        })
                        .await()
                        .atMost(Duration.ofSeconds(10)))
                .isInstanceOf(PgException.class);
        assertThat(attempts).hasValue(1);
    }
}
