package dev.goalcoach.analytics.messaging;

import dev.goalcoach.analytics.service.Refresh;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.messaging.Backoff;
import dev.goalcoach.kit.messaging.DeadLetterHeaders;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * After each warehouse commit, the loader names the members it touched: their metrics are brought up to date at
 * once (and only theirs): stepped by today's check-ins where the notice says their changes were check-ins of today
 * (or journal entries), else recomputed. The notices come in batches, whatever one poll returns: the members of all of them are
 * recomputed together, so a busy loader (several notices a second) costs one recomputation per poll, not one per
 * notice, and the metrics keep up. A notice redelivered recomputes again, which changes nothing. A record that is
 * not a notice goes to the dead-letter topic with the reason (the others of its batch are still done); a warehouse
 * that fails is retried with backoff (the batch is not given up: the channel waits with it).
 */
// created at start, so that its meters are there (at zero) before the first notice
@Startup
@ApplicationScoped
public class WarehouseNotices {

    private static final Logger LOG = Logger.getLogger(WarehouseNotices.class);

    /** No check-in changed (a journal entry did): later than any day, so that a check-in's day wins a merge. */
    private static final LocalDate NO_DAY = LocalDate.MAX;

    private final Refresh refresh;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Counter retries;

    public WarehouseNotices(
            Refresh refresh,
            @Channel("warehouse-notices-dead") MutinyEmitter<byte[]> deadLetters,
            MeterRegistry registry) {
        this.refresh = refresh;
        this.deadLetters = deadLetters;
        this.retries = Counter.builder("goalcoach_analytics_recompute_retries")
                .description("recomputations of a batch notice's members that failed and wait to be tried again")
                .register(registry);
    }

    @Incoming("warehouse-notices")
    @Blocking
    public void onBatch(ConsumerRecords<String, byte[]> records) throws SQLException {
        // a member is stepped only when every notice of the poll that names them says their changes were facts
        var others = new LinkedHashSet<UUID>();
        var facts = new LinkedHashMap<UUID, LocalDate>();
        for (var record : records) {
            try {
                var event = ReceivedEvent.of(record.headers(), record.value());
                if (!event.is(EventCatalog.WAREHOUSE_BATCH_COMMITTED)) {
                    throw new IllegalArgumentException(
                            "not a batch notice: " + event.type().type());
                }
                var notice = event.data(EventCatalog.WAREHOUSE_BATCH_COMMITTED);
                var factsOnly = new HashMap<UUID, LocalDate>();
                if (notice.factsOnly() != null) {
                    notice.factsOnly().forEach(f -> factsOnly.put(f.memberId(), f.earliestCheckinDay()));
                }
                for (UUID member : notice.memberIds()) {
                    if (!factsOnly.containsKey(member)) {
                        others.add(member);
                        continue;
                    }
                    LocalDate day = factsOnly.get(member);
                    facts.merge(member, day == null ? NO_DAY : day, (a, b) -> a.isBefore(b) ? a : b);
                }
            } catch (RuntimeException e) { // only reading the record is in here
                deadLetter(record, e.getMessage());
            }
        }
        others.forEach(facts::remove);
        facts.replaceAll((member, day) -> day.equals(NO_DAY) ? null : day);
        if (others.isEmpty() && facts.isEmpty()) {
            return;
        }
        var backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
        while (true) {
            try {
                refresh.afterBatch(facts, others);
                return;
            } catch (SQLException e) {
                retries.increment();
                LOG.warnf(
                        "recomputing %d members failed, retrying in %d ms: %s",
                        others.size() + facts.size(), backoff.current().toMillis(), e.getMessage());
                try {
                    Thread.sleep(backoff.current().toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff.failed();
            }
        }
    }

    /** The record as it came, with its headers and the dead-letter ones, sent before the batch is acknowledged. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        deadLetters.sendMessageAndAwait(DeadLetterHeaders.message(record, reason, null));
    }
}
