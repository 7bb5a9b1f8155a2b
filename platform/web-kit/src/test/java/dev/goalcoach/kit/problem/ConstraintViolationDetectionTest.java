package dev.goalcoach.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConstraintViolationDetectionTest {

    private final SQLException duplicate = new SQLException("duplicate key", "23505");

    @Test
    void findsAnIntegrityViolationWhereverItIsWrapped() {
        assertThat(ProblemMappers.violatesConstraint(duplicate, 0)).isTrue();
        assertThat(ProblemMappers.violatesConstraint(new RuntimeException("wrapped", duplicate), 0))
                .isTrue();
        var withSuppressed = new IllegalStateException("rollback failed");
        withSuppressed.addSuppressed(new RuntimeException(duplicate));
        assertThat(ProblemMappers.violatesConstraint(withSuppressed, 0)).isTrue();
        assertThat(ProblemMappers.violatesConstraint(
                        new CompositeException(new IllegalStateException("a"), new RuntimeException(duplicate)), 0))
                .isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNotTheCallersDoing() {
        assertThat(ProblemMappers.violatesConstraint(new SQLException("connection refused", "08001"), 0))
                .isFalse();
        assertThat(ProblemMappers.violatesConstraint(new SQLException("no state"), 0))
                .isFalse();
        assertThat(ProblemMappers.violatesConstraint(new IllegalStateException("boom"), 0))
                .isFalse();
    }
}
