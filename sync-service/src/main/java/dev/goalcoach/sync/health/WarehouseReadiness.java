package dev.goalcoach.sync.health;

import dev.goalcoach.sync.loader.LoaderState;
import dev.goalcoach.sync.loader.SyncRunner;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the loader is loading: DOWN when it cannot reach the warehouse (it is backing off; nothing is lost,
 * the offsets wait with it) or has not reached it yet, with the last error and how long ago the last commit was.
 */
@Readiness
@ApplicationScoped
public class WarehouseReadiness implements HealthCheck {

    private final SyncRunner runner;

    public WarehouseReadiness(SyncRunner runner) {
        this.runner = runner;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Warehouse").withData("dialect", runner.dialectName());
        var s = runner.status();
        if (s == null) {
            return response.up().withData("loader", "switched off").build();
        }
        response.withData("state", s.state().name())
                .withData("eventsLoaded", s.eventsLoaded())
                .withData("deadLetters", s.deadLetters())
                .withData("consumerLag", s.lag());
        if (s.lastCommitAt() != null) {
            response.withData("lastCommitAt", s.lastCommitAt().toString());
        }
        if (s.lastError() != null) {
            response.withData("lastError", s.lastError()).withData("consecutiveFailures", s.consecutiveFailures());
        }
        return response.status(s.state() == LoaderState.RUNNING).build();
    }
}
