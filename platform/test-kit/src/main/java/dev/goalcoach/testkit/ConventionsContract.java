package dev.goalcoach.testkit;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What operators and client developers expect of every service, open without a token (docs/ARCHITECTURE.md):
 * readiness with the service's dependencies, the OpenAPI document with its bearer scheme and Swagger UI, Prometheus
 * metrics. A service's {@code ConventionsTest} extends this with what is its own.
 */
public abstract class ConventionsContract {

    private final List<String> readinessChecks;
    private final List<String> openApiPaths;
    private final List<String> metrics;

    /**
     * @param readinessChecks the checks readiness must list (and be UP with)
     * @param openApiPaths paths the OpenAPI document must describe
     * @param metrics metric names {@code /q/metrics} must expose, beside the JVM's
     */
    protected ConventionsContract(List<String> readinessChecks, List<String> openApiPaths, List<String> metrics) {
        this.readinessChecks = readinessChecks;
        this.openApiPaths = openApiPaths;
        this.metrics = metrics;
    }

    @Test
    void readinessCoversItsDependencies() {
        Conventions.readyWith(readinessChecks.toArray(String[]::new));
    }

    @Test
    void openApiDescribesTheApiAndItsBearerScheme() {
        Conventions.openApiDescribes(openApiPaths.toArray(String[]::new));
    }

    /**
     * A client that keeps its connection open (a gateway, a load balancer, wrk) is answered request after request.
     * Seen broken: an unbracketed IPv6 address among the trusted proxies made every request resolve a host name,
     * and after ~60 quick requests a connection hung.
     */
    @Test
    void aKeptAliveConnectionIsAnsweredRequestAfterRequest() throws Exception {
        Conventions.answersInARow("/q/health/live", 300);
    }

    /** The frontend's origin may call the API from a browser (CORS), any other origin may not. */
    @Test
    void browsersMayCallFromTheFrontendsOriginOnly() {
        Conventions.corsAllowsOnlyTheFrontend(
                openApiPaths.get(0).replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
    }

    @Test
    void prometheusExposesItsMetrics() {
        Conventions.prometheusExposes(metrics.toArray(String[]::new));
        Conventions.prometheusExposes("jvm_memory_used_bytes");
    }
}
