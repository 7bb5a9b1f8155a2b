package dev.goalcoach.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TopologyTest {

    private final Topology topology = load();

    private static Topology load() {
        try {
            return Topology.load(Path.of("../topology.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void routesMatchWholePathSegmentsOnly() {
        assertThat(topology.route("/members").map(Topology.Service::name)).contains("member-service");
        assertThat(topology.route("/members/42").map(Topology.Service::name)).contains("member-service");
        assertThat(topology.route("/auth/login").map(Topology.Service::name)).contains("member-service");
        assertThat(topology.route("/membership")).isEmpty();
        assertThat(topology.route("/mentors/7").map(Topology.Service::name)).contains("member-service");
        assertThat(topology.route("/mentor/chat/7/patients").map(Topology.Service::name))
                .contains("mentor-service");
        assertThat(topology.route("/dashboard/mentor/7/patient/8").map(Topology.Service::name))
                .contains("mentor-service");
        assertThat(topology.route("/")).isEmpty();
    }

    @Test
    void everyServiceHasItsOwnPortAndDatabaseButTheWarehouseIsShared() {
        var services = topology.services();
        assertThat(services.stream().map(Topology.Service::port).distinct()).hasSameSizeAs(services);
        // the warehouse is one store with two owners: sync-service loads it, analytics-service keeps its metrics there
        var own = services.stream()
                .filter(s -> !s.database().equals("goalcoach_warehouse"))
                .toList();
        assertThat(own.stream().map(Topology.Service::database).distinct()).hasSameSizeAs(own);
        assertThat(services.stream().filter(s -> s.database().equals("goalcoach_warehouse")))
                .extracting(Topology.Service::name)
                .containsExactlyInAnyOrder("sync-service", "analytics-service");
        assertThat(services)
                .allSatisfy(s ->
                        assertThat(s.port()).isNotEqualTo(topology.gateway().port()));
    }
}
