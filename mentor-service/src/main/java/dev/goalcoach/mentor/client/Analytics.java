package dev.goalcoach.mentor.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.kit.rest.RemoteFailures;
import dev.goalcoach.mentor.api.MentorDtos.Patient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A mentor's mentees' figures from analytics-service, as the mentor may see them (their token relayed). Slow, down
 * or its circuit open: empty, and the roster says so. Blocking.
 */
@Timeout(value = 2, unit = ChronoUnit.SECONDS)
@Retry(
        maxRetries = 1,
        delay = 100,
        retryOn = {RemoteFailures.Unavailable.class, ProcessingException.class})
// the breaker's thresholds are configuration: application.properties
@CircuitBreaker(skipOn = RemoteFailures.Refused.class)
@ApplicationScoped
public class Analytics {

    public static final String SOURCE = "analytics-service";
    private static final Logger LOG = Logger.getLogger(Analytics.class);

    private final AnalyticsClient client;

    public Analytics(@RestClient AnalyticsClient client) {
        this.client = client;
    }

    /** Each mentee's figures by member id, or empty when analytics-service could not answer. */
    @Fallback(fallbackMethod = "rosterUnavailable")
    public Optional<Map<UUID, Patient>> roster(UUID mentorId, String authorization) {
        var patients = new LinkedHashMap<UUID, Patient>();
        for (JsonNode e : client.roster(mentorId, authorization)) {
            var id = UUID.fromString(e.path("memberId").asText());
            patients.put(
                    id,
                    new Patient(
                            id,
                            e.path("displayName").asText(null),
                            e.hasNonNull("riskScore") ? e.path("riskScore").asInt() : null,
                            e.path("riskLevel").asText(null),
                            decimal(e.path("adherence7")),
                            decimal(e.path("adherence30")),
                            e.hasNonNull("currentStreak")
                                    ? e.path("currentStreak").asInt()
                                    : null,
                            days(e.path("last30")),
                            0));
        }
        return Optional.of(patients);
    }

    private static List<Integer> days(JsonNode days) {
        var out = new ArrayList<Integer>(days.size());
        days.forEach(d -> out.add(d.isNumber() ? d.intValue() : null));
        return out;
    }

    Optional<Map<UUID, Patient>> rosterUnavailable(UUID mentorId, String authorization, Throwable why) {
        LOG.warnf("analytics-service did not give mentor %s's roster: %s", mentorId, why.toString());
        return Optional.empty();
    }

    /** The mentee's metrics: adherence, streaks, strength, risk with its reasons. */
    @Fallback(fallbackMethod = "partUnavailable")
    public Part metricsOf(UUID memberId, String authorization) {
        return computed(() -> client.metrics(memberId, authorization));
    }

    /** The mentee's last 90 days, one entry per day: owed, met, skipped, adherence. */
    @Fallback(fallbackMethod = "partUnavailable")
    public Part seriesOf(UUID memberId, String authorization) {
        return computed(() -> client.series(memberId, authorization));
    }

    Part partUnavailable(UUID memberId, String authorization, Throwable why) {
        LOG.warnf("analytics-service did not give member %s's figures: %s", memberId, why.toString());
        return Part.unavailable();
    }

    /** A 404 is an answer: nothing computed for a new member yet. */
    private static Part computed(Supplier<JsonNode> call) {
        try {
            return new Part(call.get(), SOURCE);
        } catch (RemoteFailures.Refused e) {
            if (e.status() == 404) {
                return new Part(null, Part.NOT_YET);
            }
            throw e;
        }
    }

    private static BigDecimal decimal(JsonNode n) {
        return n.isNumber() ? n.decimalValue() : null;
    }
}
