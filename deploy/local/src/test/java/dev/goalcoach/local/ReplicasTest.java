package dev.goalcoach.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ReplicasTest {

    @Test
    void replicasAreReadPerServiceAndOneIsTheDefault() {
        assertThat(Launcher.replicas("sync-service=2, analytics-service = 3"))
                .isEqualTo(Map.of("sync-service", 2, "analytics-service", 3));
        assertThat(Launcher.replicas("")).isEmpty();
    }
}
