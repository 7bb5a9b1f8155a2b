package dev.goalcoach.mentor.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A mentor accepts or rejects a plan suggestion at goal-service, their token relayed (goal-service decides whether
 * they may). Not retried: a decision is made once; goal-service's refusal ({@code RemoteFailures.Refused}) and its
 * absence ({@code Unavailable}, a timeout) reach the caller.
 */
@ApplicationScoped
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
public class SuggestionDecisions {

    private final GoalServiceClient client;

    public SuggestionDecisions(@RestClient GoalServiceClient client) {
        this.client = client;
    }

    public void decide(UUID suggestionId, boolean accept, String authorization) {
        client.decide(suggestionId, accept ? "accept" : "reject", Map.of(), authorization);
    }
}
