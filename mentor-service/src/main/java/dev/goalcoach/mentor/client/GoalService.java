package dev.goalcoach.mentor.client;

import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A mentee's goals, journal (mood and sentiment; text only where shared: goal-service decides) and plan
 * suggestions, as their mentor may see them (the mentor's token relayed). Slow, down or its circuit open: the part
 * is unavailable and says so. Blocking.
 */
@Timeout(value = 2, unit = ChronoUnit.SECONDS)
@Retry(
        maxRetries = 1,
        delay = 100,
        retryOn = {RemoteFailures.Unavailable.class, ProcessingException.class})
@CircuitBreaker(skipOn = RemoteFailures.Refused.class)
@ApplicationScoped
public class GoalService {

    public static final String SOURCE = "goal-service";
    /** The dashboard shows a mentee's first 50 goals and their 20 latest journal entries. */
    static final int GOALS = 50;

    static final int ENTRIES = 20;

    private static final Logger LOG = Logger.getLogger(GoalService.class);

    private final GoalServiceClient client;

    public GoalService(@RestClient GoalServiceClient client) {
        this.client = client;
    }

    /** The mentee's goals with their plans ({@code GoalView}s). */
    @Fallback(fallbackMethod = "goalsUnavailable")
    public Part goalsOf(UUID memberId, String authorization) {
        return new Part(client.goalsOf(memberId, 0, GOALS, authorization).path("items"), SOURCE);
    }

    Part goalsUnavailable(UUID memberId, String authorization, Throwable why) {
        LOG.warnf("goal-service did not give member %s's goals: %s", memberId, why.toString());
        return Part.unavailable();
    }

    /** The latest journal entries as the mentor may see them. */
    @Fallback(fallbackMethod = "journalUnavailable")
    public Part journalOf(UUID memberId, String authorization) {
        return new Part(client.journal(memberId, ENTRIES, authorization).path("items"), SOURCE);
    }

    Part journalUnavailable(UUID memberId, String authorization, Throwable why) {
        LOG.warnf("goal-service did not give member %s's journal: %s", memberId, why.toString());
        return Part.unavailable();
    }

    /** The member's suggestions still open ({@code PROPOSED}) on any of their goals, newest first. */
    @Fallback(fallbackMethod = "suggestionsUnavailable")
    public Part openSuggestions(UUID memberId, String authorization) {
        return new Part(client.suggestionsOf(memberId, "PROPOSED", authorization), SOURCE);
    }

    Part suggestionsUnavailable(UUID memberId, String authorization, Throwable why) {
        LOG.warnf("goal-service did not give member %s's suggestions: %s", memberId, why.toString());
        return Part.unavailable();
    }
}
