package dev.goalcoach.analytics.messaging;

import dev.goalcoach.analytics.config.AnalyticsConfig;
import dev.goalcoach.analytics.metrics.RiskChangesWritten;
import dev.goalcoach.analytics.repository.RiskOutbox;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.RiskChanged;
import dev.goalcoach.kit.messaging.Backoff;
import dev.goalcoach.kit.messaging.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes {@code analytics.risk.changed} from the warehouse's outbox ({@link RiskOutbox}): right after a commit
 * that wrote changes ({@link RiskChangesWritten}), once at start (what a stop between a commit and its publishing
 * left), and, after a failed send, again with backoff until the broker takes them. Never on a timer otherwise: the
 * outbox is not polled. One drain at a time on a thread of its own; a request while one runs makes it go round
 * once more. A change is deleted only once the broker acknowledged it, so a stop at any point publishes it again
 * later: a duplicate, with the same event id ({@link #eventId}), which consumers take once.
 */
@ApplicationScoped
public class RiskChangePublisher {

    private static final Logger LOG = Logger.getLogger(RiskChangePublisher.class);

    /** Changes read and sent per round. */
    private static final int ROUND = 500;

    /**
     * Sent together, then waited for: below the emitter's buffer (128), so none is refused for overflow; in order,
     * so a member's changes reach their partition as they happened.
     */
    private static final int AT_ONCE = 100;

    /** How long the broker may take to acknowledge what was sent together. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final RiskOutbox outbox;
    private final MutinyEmitter<byte[]> emitter;
    private final String source;
    private final Counter published;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "risk-change-publisher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    public RiskChangePublisher(
            RiskOutbox outbox,
            @Channel("risk-changes") MutinyEmitter<byte[]> emitter,
            AnalyticsConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.source = CloudEventHeaders.source(config.applicationName());
        this.published = Counter.builder("goalcoach_analytics_risk_changes_published")
                .description("risk level changes published from the warehouse's outbox (a re-send after a stop"
                        + " counts again)")
                .register(registry);
    }

    void atStart(@Observes StartupEvent start) {
        drainSoon(Duration.ZERO);
    }

    void atStop(@Observes ShutdownEvent stop) {
        worker.shutdownNow();
    }

    /** A commit wrote changes: publish them now. */
    void onWritten(@Observes RiskChangesWritten written) {
        drainSoon(Duration.ZERO);
    }

    /** The event id of a change: the same for every send of one outbox row, so a re-send is a duplicate. */
    static UUID eventId(RiskChanged change) {
        return UUID.nameUUIDFromBytes(("risk.changed|" + change.memberId() + "|" + change.previousLevel() + "|"
                        + change.level() + "|" + change.asOf() + "|" + change.changedAt())
                .getBytes(StandardCharsets.UTF_8));
    }

    private void drainSoon(Duration after) {
        requested.set(true);
        if (scheduled.compareAndSet(false, true)) {
            worker.schedule(this::drain, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** On the worker: rounds until the outbox is empty and nothing more was asked for, or a send failed. */
    private void drain() {
        try {
            while (requested.getAndSet(false)) {
                List<RiskChanged> round;
                do {
                    round = outbox.pending(ROUND);
                    for (int i = 0; i < round.size(); i += AT_ONCE) {
                        sendAll(round.subList(i, Math.min(round.size(), i + AT_ONCE)));
                    }
                    if (!round.isEmpty()) {
                        outbox.published(round);
                        published.increment(round.size());
                    }
                } while (round.size() == ROUND);
            }
            backoff.reset();
            scheduled.set(false);
            if (requested.get()) { // asked for between the last look and now
                drainSoon(Duration.ZERO);
            }
        } catch (Exception e) {
            LOG.warnf(
                    "risk level changes not published yet, trying again in %d ms: %s",
                    backoff.current().toMillis(), e.getMessage());
            var wait = backoff.current();
            backoff.failed();
            requested.set(true);
            worker.schedule(this::drain, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Sends changes at once and waits until the broker acknowledged every one (one failed: this throws, and they
     * are all sent again later). One at a time, each waited for, a send took the producer's linger and a round trip:
     * 10,000 first levels took minutes, beside whatever ran next.
     */
    private void sendAll(List<RiskChanged> changes) {
        var sends = new ArrayList<Uni<Void>>(changes.size());
        for (var change : changes) {
            sends.add(emitter.sendMessage(message(change)));
        }
        Uni.join().all(sends).andFailFast().await().atMost(SEND_TIMEOUT);
    }

    private Message<byte[]> message(RiskChanged change) {
        var type = EventCatalog.RISK_CHANGED;
        var headers = CloudEventHeaders.of(
                eventId(change).toString(),
                source,
                type.type(),
                change.memberId().toString(),
                change.changedAt());
        return Message.of(EventJson.write(change))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(change.memberId().toString())
                        .withHeaders(headers)
                        .build());
    }
}
