package dev.goalcoach.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The suite in one file ({@code deploy/topology.json}): every service, its port, database and gateway routes. */
public record Topology(Gateway gateway, List<Service> services) {

    public record Gateway(int port) {}

    /**
     * {@code jvmArgs}: what the service's JVM always needs (e.g. the Snowflake driver's add-opens), may be absent.
     * {@code nice}: how much lower than the launcher's the service's CPU priority is when it shares a machine with
     * the rest ({@code ./run}): 0 when absent. Such a service yields the cores when they are short; its events wait
     * in Kafka and are consumed in larger batches (coach-service: docs/decisions/0023-consumers-yield-the-cores.md).
     * {@code localJvmArgs}: JVM options for {@code ./run} only (not Kubernetes), which join the default options and
     * go with them when {@code GOALCOACH_JAVA_OPTS} replaces them: the consumers' JIT stops at C1 on a shared
     * machine (docs/decisions/0028-consumers-compile-with-c1-locally.md).
     */
    public record Service(
            String name,
            int port,
            String database,
            List<String> routes,
            List<String> jvmArgs,
            int nice,
            List<String> localJvmArgs) {
        public Service {
            jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
            localJvmArgs = localJvmArgs == null ? List.of() : List.copyOf(localJvmArgs);
            if (nice < 0 || nice > 19) {
                throw new IllegalArgumentException(name + ": nice must be 0-19, not " + nice);
            }
        }
    }

    /** One path prefix and the service behind it. */
    public record Route(String prefix, Service service) {}

    public static Topology load(Path file) throws IOException {
        return new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(file.toFile(), Topology.class);
    }

    /** Routes, longest prefix first, so the most specific one wins. */
    public List<Route> routes() {
        return services.stream()
                .flatMap(s -> s.routes().stream().map(r -> new Route(r, s)))
                .sorted(Comparator.comparingInt((Route r) -> r.prefix().length())
                        .reversed())
                .toList();
    }

    /** The service whose route matches {@code path} on a segment boundary ({@code /members} matches {@code /members/x}, not {@code /membership}). */
    public Optional<Service> route(String path) {
        return routes().stream()
                .filter(r -> path.equals(r.prefix())
                        || path.startsWith(r.prefix() + "/")
                        || path.startsWith(r.prefix() + "?"))
                .map(Route::service)
                .findFirst();
    }
}
