package dev.goalcoach.analytics.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.goalcoach.analytics.client.GoalServiceClient;
import dev.goalcoach.analytics.repository.WarehouseGoals;
import dev.goalcoach.kit.rest.Pages;
import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A member's goals with their plans: from goal-service, which owns them (the caller's token relayed, so it
 * authorizes too); when it is slow, down or its circuit is open, from the warehouse's copy (as of the last load),
 * and the answer says which.
 */
@ApplicationScoped
public class GoalDirectory {

    private static final Logger LOG = Logger.getLogger(GoalDirectory.class);
    private static final int PAGE = 200;

    /** The goals and where they came from: {@code goal-service}, or {@code warehouse} when it could not answer. */
    public record Goals(String source, ArrayNode goals) {}

    private final GoalServiceClient client;
    private final WarehouseGoals warehouse;

    public GoalDirectory(@RestClient GoalServiceClient client, WarehouseGoals warehouse) {
        this.client = client;
        this.warehouse = warehouse;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(
            maxRetries = 2,
            delay = 100,
            jitter = 50,
            retryOn = {RemoteFailures.Unavailable.class, ProcessingException.class},
            abortOn = RemoteFailures.Refused.class)
    // its thresholds (half of the last 4 calls failed: open for 10 s) are configuration: application.properties
    @CircuitBreaker(skipOn = RemoteFailures.Refused.class)
    @Fallback(fallbackMethod = "fromWarehouse", skipOn = RemoteFailures.Refused.class)
    public Goals goalsOf(UUID memberId, String authorization) {
        var goals = JsonNodeFactory.instance.arrayNode();
        goals.addAll(Pages.items(page -> client.goalsOf(memberId, page, PAGE, authorization), Integer.MAX_VALUE));
        return new Goals("goal-service", goals);
    }

    Goals fromWarehouse(UUID memberId, String authorization) throws SQLException {
        LOG.warnf("goal-service did not answer for member %s: goals from the warehouse's copy", memberId);
        return new Goals("warehouse", warehouse.goalsOf(memberId));
    }
}
