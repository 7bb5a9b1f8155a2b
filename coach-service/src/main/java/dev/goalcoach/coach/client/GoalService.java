package dev.goalcoach.coach.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.coach.CoachContext;
import dev.goalcoach.coach.CoachContext.CheckinFacts;
import dev.goalcoach.coach.CoachContext.GoalFacts;
import dev.goalcoach.coach.CoachContext.HabitFacts;
import dev.goalcoach.kit.rest.Pages;
import dev.goalcoach.kit.rest.RemoteFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A member's goals and last week's check-ins from goal-service, as the caller may see them (their token relayed).
 * Slow, down or its circuit open: the part is missing and says so ({@link CoachContext#UNAVAILABLE}). Blocking.
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
public class GoalService {

    static final String SOURCE = "goal-service";
    private static final int PAGE = 200;
    /** The coach's context needs no more than the first thousand goals. */
    private static final int MAX_PAGES = 5;

    private static final Logger LOG = Logger.getLogger(GoalService.class);

    private final GoalServiceClient client;

    public GoalService(@RestClient GoalServiceClient client) {
        this.client = client;
    }

    @Fallback(fallbackMethod = "goalsUnavailable")
    public Fetched<List<GoalFacts>> goalsOf(UUID memberId, String authorization) {
        var goals = Pages.items(page -> client.goalsOf(memberId, page, PAGE, authorization), MAX_PAGES).stream()
                .map(GoalService::goal)
                .toList();
        return new Fetched<>(goals, SOURCE);
    }

    Fetched<List<GoalFacts>> goalsUnavailable(UUID memberId, String authorization, Throwable why) {
        LOG.warnf("goal-service did not give member %s's goals: %s", memberId, why.toString());
        return new Fetched<>(List.of(), CoachContext.UNAVAILABLE);
    }

    @Fallback(fallbackMethod = "checkinsUnavailable")
    public Fetched<List<CheckinFacts>> recent(UUID memberId, LocalDate today, String authorization) {
        JsonNode answer = client.checkins(
                memberId, today.minusDays(CoachContext.CHECKIN_DAYS).toString(), today.toString(), authorization);
        var checkins = new ArrayList<CheckinFacts>();
        answer.forEach(c -> checkins.add(new CheckinFacts(
                UUID.fromString(c.path("habitId").asText()),
                LocalDate.parse(c.path("date").asText()),
                c.path("status").asText(),
                c.path("value").isNumber() ? c.path("value").decimalValue() : null)));
        return new Fetched<>(checkins, SOURCE);
    }

    Fetched<List<CheckinFacts>> checkinsUnavailable(
            UUID memberId, LocalDate today, String authorization, Throwable why) {
        LOG.warnf("goal-service did not give member %s's check-ins: %s", memberId, why.toString());
        return new Fetched<>(List.of(), CoachContext.UNAVAILABLE);
    }

    private static GoalFacts goal(JsonNode g) {
        var habits = new ArrayList<HabitFacts>();
        g.path("habits").forEach(h -> {
            var schedule = h.path("schedule");
            List<DayOfWeek> days = null;
            if (schedule.path("days").isArray()) {
                days = new ArrayList<>();
                for (JsonNode d : schedule.path("days")) {
                    days.add(DayOfWeek.valueOf(d.asText()));
                }
                days.sort(null);
            }
            habits.add(new HabitFacts(
                    UUID.fromString(h.path("id").asText()),
                    h.path("title").asText(),
                    schedule.path("type").asText(),
                    days,
                    schedule.hasNonNull("timesPerWeek")
                            ? schedule.path("timesPerWeek").asInt()
                            : null,
                    schedule.hasNonNull("everyNDays")
                            ? schedule.path("everyNDays").asInt()
                            : null,
                    h.hasNonNull("startDate")
                            ? LocalDate.parse(h.path("startDate").asText())
                            : null,
                    h.path("active").asBoolean(true),
                    h.path("target").path("value").isNumber()
                            ? new CoachContext.Target(
                                    h.path("target").path("value").decimalValue(),
                                    h.path("target").path("unit").asText(null),
                                    h.path("target").path("direction").asText("AT_LEAST"))
                            : null));
        });
        return new GoalFacts(
                UUID.fromString(g.path("id").asText()),
                g.path("title").asText(),
                g.path("status").asText(),
                g.path("planStatus").asText(),
                habits);
    }
}
