package dev.goalcoach.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ServiceProcessTest {

    private static final Path NICE = Path.of("/usr/bin/nice");

    private static final Topology TOPOLOGY = load();

    private static Topology load() {
        try {
            return Topology.load(Path.of("../topology.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceProcess process(String name) {
        var service = TOPOLOGY.services().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
        return new ServiceProcess(service, service.port(), Path.of("/repo"), Path.of("/tmp/logs"));
    }

    @Test
    void coachServiceStartsAtALowerPriorityTheRequestsAndTheMetricsPipelineAtTheLaunchers() {
        assertThat(process("coach-service").command(Map.of(), NICE))
                .startsWith("/usr/bin/nice", "-n", "10")
                .endsWith("-jar", "/repo/coach-service/target/quarkus-app/quarkus-run.jar");
        for (String other :
                new String[] {"member-service", "goal-service", "mentor-service", "sync-service", "analytics-service"
                }) {
            assertThat(process(other).command(Map.of(), NICE)).as(other).doesNotContain("/usr/bin/nice", "-n");
        }
    }

    @Test
    void goalcoachNiceFalseOrNoNiceOnTheMachineStartsEveryServiceAsTheLauncher() {
        var coach = process("coach-service");
        assertThat(coach.command(Map.of("GOALCOACH_NICE", "false"), NICE)).doesNotContain("/usr/bin/nice");
        assertThat(coach.command(Map.of(), null)).doesNotContain("/usr/bin/nice");
        assertThat(coach.command(Map.of("GOALCOACH_NICE", "true"), NICE)).startsWith("/usr/bin/nice", "-n", "10");
    }

    @Test
    void theJvmOptionsAreTheDefaultsUnlessGiven() {
        var goals = process("goal-service");
        assertThat(goals.command(Map.of(), NICE)).containsSequence("-Xmx192m", "-XX:+UseSerialGC");
        assertThat(goals.command(Map.of("GOALCOACH_JAVA_OPTS", " -Xmx256m  -XX:+UseG1GC "), NICE))
                .containsSequence("-Xmx256m", "-XX:+UseG1GC", "-jar")
                .doesNotContain("-Xmx192m");
        // the topology's own arguments follow the options
        assertThat(process("analytics-service").command(Map.of(), NICE))
                .containsSequence(
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.nio=ALL-UNNAMED");
    }

    @Test
    void theConsumersCompileWithC1UnderRunUnlessTheOptionsAreGiven() {
        for (String consumer : new String[] {"coach-service", "sync-service", "analytics-service"}) {
            assertThat(process(consumer).command(Map.of(), NICE))
                    .as(consumer)
                    .containsSequence("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
            assertThat(process(consumer).command(Map.of("GOALCOACH_JAVA_OPTS", "-Xmx256m"), NICE))
                    .as(consumer)
                    .doesNotContain("-XX:TieredStopAtLevel=1");
        }
        // the request paths keep the JIT's top tier
        for (String server : new String[] {"member-service", "goal-service", "mentor-service"}) {
            assertThat(process(server).command(Map.of(), NICE)).as(server).doesNotContain("-XX:TieredStopAtLevel=1");
        }
    }

    @Test
    void aNicenessOutsideWhatNiceTakesIsRefused() {
        assertThatThrownBy(() -> new Topology.Service("x", 1, "db", List.of(), null, 20, null))
                .hasMessageContaining("nice must be 0-19");
    }
}
