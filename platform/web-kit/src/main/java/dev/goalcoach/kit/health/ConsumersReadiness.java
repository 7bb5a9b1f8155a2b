package dev.goalcoach.kit.health;

import dev.goalcoach.kit.messaging.ConsumerFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * "Kafka consumers": DOWN while a record has been retried for longer than {@code goalcoach.messaging.blocked-after}
 * (its partition waits behind it: a database that stays away, a bug that fails every time), naming each blocked
 * record, since when and its last failure. A record being retried for less is listed while readiness stays UP.
 */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {

    private final Duration blockedAfter;
    private final Clock clock;

    @Inject
    public ConsumersReadiness(@ConfigProperty(name = "goalcoach.messaging.blocked-after") Duration blockedAfter) {
        this(blockedAfter, Clock.systemUTC());
    }

    public ConsumersReadiness(Duration blockedAfter, Clock clock) {
        this.blockedAfter = blockedAfter;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka consumers");
        Instant now = clock.instant();
        boolean up = true;
        for (var e : ConsumerFailures.blocked().entrySet()) {
            var blocked = e.getValue();
            boolean tooLong = !blocked.since().plus(blockedAfter).isAfter(now);
            up &= !tooLong;
            response.withData(
                    e.getKey(),
                    (tooLong ? "blocked" : "retrying") + " since " + blocked.since() + ": " + blocked.lastFailure());
        }
        return response.status(up).build();
    }
}
