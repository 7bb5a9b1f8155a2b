package dev.goalcoach.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class OverloadDetectionTest {

    @Test
    void findsThePoolTurningARequestAwayWhereverItIsWrapped() {
        var queueFull = new IllegalStateException("Connection pool reached max wait queue size of 256");
        var waited = new RuntimeException("io.vertx.core.VertxException: Timeout waiting for connection");
        var agroal = new SQLException("Sorry, acquisition timeout!");
        assertThat(ProblemMappers.overloaded(queueFull, 0)).isTrue();
        assertThat(ProblemMappers.overloaded(new RuntimeException("wrapped", waited), 0))
                .isTrue();
        assertThat(ProblemMappers.overloaded(new IllegalStateException("outer", new RuntimeException(agroal)), 0))
                .isTrue();
        assertThat(ProblemMappers.overloaded(new CompositeException(new IllegalStateException("a"), queueFull), 0))
                .isTrue();
    }

    @Test
    void otherFailuresAreNotOverload() {
        assertThat(ProblemMappers.overloaded(new SQLException("duplicate key", "23505"), 0))
                .isFalse();
        assertThat(ProblemMappers.overloaded(new IllegalStateException("boom"), 0))
                .isFalse();
        assertThat(ProblemMappers.overloaded(new RuntimeException((String) null), 0))
                .isFalse();
    }
}
