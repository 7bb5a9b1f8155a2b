package dev.goalcoach.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
