package dev.goalcoach.coach.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.coach.CoachContext;
import dev.goalcoach.coach.CoachContext.HabitMetrics;
import dev.goalcoach.coach.CoachContext.Metrics;
import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A member's metrics from analytics-service, as the caller may see them (their token relayed). A 404 means none
 * computed yet (a new member), not a failure. Slow, down or its circuit open: missing, and said so. Blocking.
 */
// on each method (each with its own circuit): timeout 2 s, one retry when the service could not answer, a breaker
@Timeout(value = 2, unit = ChronoUnit.SECONDS)
@Retry(
        maxRetries = 1,
        delay = 100,
        retryOn = {RemoteFailures.Unavailable.class, ProcessingException.class})
// the breaker's thresholds (half of the last 4 calls failed: open for 10 s) are configuration: application.properties
@CircuitBreaker(skipOn = RemoteFailures.Refused.class)
@ApplicationScoped
public class Analytics {

    static final String SOURCE = "analytics-service";
    private static final Logger LOG = Logger.getLogger(Analytics.class);

    private final AnalyticsClient client;

    public Analytics(@RestClient AnalyticsClient client) {
        this.client = client;
    }

    @Fallback(fallbackMethod = "unavailable")
    public Fetched<Metrics> metricsOf(UUID memberId, String authorization) {
        JsonNode m;
        try {
            m = client.metrics(memberId, authorization);
        } catch (RemoteFailures.Refused e) {
            if (e.status() == 404) {
                return new Fetched<>(null, CoachContext.NOT_YET);
            }
            throw e;
        }
        var habits = new LinkedHashMap<UUID, HabitMetrics>();
        m.path("habits")
                .forEach(h -> habits.put(
                        UUID.fromString(h.path("habitId").asText()),
                        new HabitMetrics(
                                ratio(h.path("adherence").path("7")),
                                h.path("streak").path("current").asInt(),
                                h.path("streak").path("unit").asText("day"),
                                ratio(h.path("strength")))));
        var reasons = new ArrayList<String>();
        m.path("risk").path("reasons").forEach(r -> reasons.add(r.path("detail").asText()));
        var risk = m.path("risk");
        return new Fetched<>(
                new Metrics(
                        m.hasNonNull("asOf") ? LocalDate.parse(m.path("asOf").asText()) : null,
                        ratio(m.path("adherence").path("7")),
                        ratio(m.path("adherence").path("30")),
                        ratio(m.path("adherence").path("90")),
                        m.path("streak").path("current").asInt(),
                        m.path("streak").path("longest").asInt(),
                        m.path("streak").path("unit").asText("day"),
                        risk.hasNonNull("score") ? risk.path("score").asInt() : null,
                        risk.hasNonNull("level") ? risk.path("level").asText() : null,
                        reasons,
                        habits),
                SOURCE);
    }

    Fetched<Metrics> unavailable(UUID memberId, String authorization, Throwable why) {
        LOG.warnf("analytics-service did not give member %s's metrics: %s", memberId, why.toString());
        return new Fetched<>(null, CoachContext.UNAVAILABLE);
    }

    private static BigDecimal ratio(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.decimalValue();
    }
}
