package dev.goalcoach.goal.service;

import dev.goalcoach.goal.config.GoalConfig;
import dev.goalcoach.goal.repository.CheckinRepository;
import dev.goalcoach.goal.repository.IdempotencyKeys;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Idempotency keys are kept {@code GOALCOACH_GOAL_IDEMPOTENCY_KEY_TTL} (24 h), then forgotten; checked hourly. */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class);

    private final IdempotencyKeys keys;
    private final CheckinRepository checkins;
    private final GoalConfig config;

    public IdempotencyKeyPurge(IdempotencyKeys keys, CheckinRepository checkins, GoalConfig config) {
        this.keys = keys;
        this.checkins = checkins;
        this.config = config;
    }

    @Scheduled(
            identity = "idempotency-key-purge",
            every = "${goalcoach.goal.idempotency-key-purge-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return purge().onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("idempotency keys not purged this time: %s", e.getMessage());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** Forgets the keys older than the time to live; answers how many. */
    public Uni<Integer> purge() {
        return keys.purgeOlderThan(checkins.pool(), config.idempotencyKeyTtl()).invoke(n -> {
            if (n > 0) {
                LOG.infof("%d idempotency keys older than %s forgotten", n, config.idempotencyKeyTtl());
            }
        });
    }
}
