package dev.goalcoach.sync.loader;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.Topics;
import dev.goalcoach.events.WarehouseBatchCommitted;
import dev.goalcoach.kit.messaging.CloudEventHeaders;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.sync.warehouse.Batch;
import dev.goalcoach.sync.warehouse.Warehouse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * The streaming loader: one thread that polls every domain topic, turns a poll into one warehouse transaction
 * (rows, the offsets they reach, the batch notice), then publishes the notice.
 *
 * <p>Exactly once in effect: the warehouse, not Kafka, holds the offsets. A partition assigned to this loader
 * stays paused until it is positioned at the warehouse's offset for it; Kafka's own commit is only for lag
 * tools. A crash between the warehouse commit and Kafka's re-reads nothing; a crash before the warehouse commit
 * re-reads the batch, which is then written for the first time. The merges are idempotent besides.
 *
 * <p>When the warehouse (or the dead-letter topic) fails, the batch is dropped, every partition is rewound to
 * the last committed offset and paused, and the loader retries with exponential backoff until it succeeds.
 */
public final class SyncLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(SyncLoop.class);

    /** How the loader runs: topics, poll wait, backoff, whether it tells Kafka its offsets, its CloudEvents source. */
    public record Settings(
            List<String> topics,
            Duration pollTimeout,
            Duration initialBackoff,
            Duration maxBackoff,
            boolean commitToKafka,
            String source) {}

    /** What health and the admin API show. */
    public record Status(
            String state,
            Instant lastCommitAt,
            String lastError,
            Instant lastErrorAt,
            int consecutiveFailures,
            long eventsLoaded,
            long deadLetters,
            long lag,
            Replay replay) {}

    /** A rebuild from the retained topics and how far it has come (events read ÷ events retained at its start). */
    public record Replay(long generation, Instant startedAt, long target, long done, boolean finished) {}

    private final Settings settings;
    private final Warehouse warehouse;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final Clock clock;

    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private final Map<TopicPartition, Long> committedPositions = new HashMap<>();
    private final Map<TopicPartition, Long> replayTargets = new HashMap<>();
    private volatile boolean running = true;
    private volatile boolean replayRequested;
    private boolean migrated;
    private boolean noticesPending = true;
    private long generation = -1;
    private Duration backoff;
    private long lagMeasuredAt;

    private volatile String state = "STARTING";
    private volatile Instant lastCommitAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile int consecutiveFailures;
    private volatile Replay replay;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong eventsLoaded = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    private final Counter eventsCounter;
    private final Counter deadLetterCounter;
    private final Counter failureCounter;
    private final Timer batchTimer;
    private final Timer endToEnd;
    private final MeterRegistry registry;

    public SyncLoop(
            Settings settings,
            Warehouse warehouse,
            Consumer<String, byte[]> consumer,
            Producer<String, byte[]> producer,
            MeterRegistry registry,
            Clock clock) {
        this.settings = settings;
        this.warehouse = warehouse;
        this.consumer = consumer;
        this.producer = producer;
        this.registry = registry;
        this.clock = clock;
        this.backoff = settings.initialBackoff();
        this.eventsCounter = Counter.builder("goalcoach_sync_events")
                .description("events loaded into the warehouse")
                .register(registry);
        this.deadLetterCounter = Counter.builder("goalcoach_sync_dead_letters")
                .description("records sent to goalcoach.dlq")
                .register(registry);
        this.failureCounter = Counter.builder("goalcoach_sync_failures")
                .description("batches that failed and were retried")
                .register(registry);
        this.batchTimer = Timer.builder("goalcoach_sync_batch")
                .description("one warehouse transaction: staging, merges, offsets, notice")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.endToEnd = Timer.builder("goalcoach_sync_end_to_end")
                .description("from the record's Kafka timestamp to its warehouse commit")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        registry.gauge("goalcoach_sync_consumer_lag", lag);
    }

    @Override
    public void run() {
        subscribe();
        while (running) {
            try {
                step();
            } catch (WakeupException e) {
                if (running) {
                    LOG.debug("woken up while running");
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                failed(e);
            }
        }
        LOG.info("sync loop stopped");
    }

    /** Subscribes to the topics; partitions stay paused until positioned at the warehouse's offsets. */
    public void subscribe() {
        consumer.subscribe(settings.topics(), new Positioning());
    }

    /** One round: position new partitions, publish pending notices, poll, load, publish this batch's notice. */
    public void step() throws Exception {
        if (!migrated) {
            warehouse.migrate();
            migrated = true;
        }
        if (replayRequested) {
            startReplay();
        }
        if (generation < 0) {
            generation = warehouse.generation();
        }
        if (!unpositioned.isEmpty()) {
            position();
        }
        if (noticesPending) {
            noticesPending = !publishPending();
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
        if (!running) {
            return;
        }
        measureLag();
        if (!records.isEmpty()) {
            load(records);
        }
        state = "RUNNING";
        trackReplay();
        backoff = settings.initialBackoff();
        consecutiveFailures = 0;
    }

    private void load(ConsumerRecords<String, byte[]> records) throws Exception {
        var batch = new Batch();
        var appendTimes = new ArrayList<Long>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            var tp = new TopicPartition(r.topic(), r.partition());
            try {
                var event = ReceivedEvent.of(r.headers(), r.value());
                EventRows.add(batch, event, eventTime(r));
                appendTimes.add(r.timestamp());
            } catch (RuntimeException e) {
                deadLetter(r, e);
            }
            batch.consumed(tp, r.offset());
        }
        Instant now = clock.instant();
        var notice = batch.events() == 0
                ? null
                : new Warehouse.Notice(
                        UUID.randomUUID(), List.copyOf(batch.members()), batch.events(), batch.newestEventTime(), now);
        long started = System.nanoTime();
        var committed = warehouse.commit(batch, generation, notice);
        if (committed.generationChanged()) {
            LOG.info("the warehouse is being rebuilt: repositioning every partition");
            generation = -1;
            repositionAll();
            return;
        }
        batchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        // a latency against the broker's append times: the real clock, whatever the business clock says
        long at = System.currentTimeMillis();
        for (long appended : appendTimes) {
            endToEnd.record(Math.max(0, at - appended), TimeUnit.MILLISECONDS);
        }
        committed
                .rowsPerTable()
                .forEach((table, rows) ->
                        registry.counter("goalcoach_sync_rows", "table", table).increment(rows));
        committedPositions.putAll(batch.nextOffsets());
        eventsLoaded.addAndGet(batch.events());
        eventsCounter.increment(batch.events());
        lastCommitAt = clock.instant();
        state = "RUNNING";
        if (notice != null) {
            noticesPending = !publish(notice);
        }
        if (settings.commitToKafka()) {
            var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
            batch.nextOffsets().forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
            consumer.commitAsync(offsets, (o, e) -> {
                if (e != null) {
                    LOG.debugf("Kafka offset commit failed (the warehouse holds the offsets): %s", e.getMessage());
                }
            });
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> r, RuntimeException reason) throws Exception {
        var headers = new RecordHeaders(r.headers().toArray());
        headers.add("dead-letter-reason", bytes(String.valueOf(reason.getMessage())));
        headers.add("dead-letter-topic", bytes(r.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(r.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(r.offset())));
        headers.add("dead-letter-consumer", bytes(settings.source()));
        producer.send(new ProducerRecord<>(Topics.DLQ, null, r.key(), r.value(), headers))
                .get(10, TimeUnit.SECONDS);
        deadLetters.incrementAndGet();
        deadLetterCounter.increment();
        LOG.warnf("%s-%d@%d to %s: %s", r.topic(), r.partition(), r.offset(), Topics.DLQ, reason.getMessage());
    }

    /** Publishes a notice and marks it; false when Kafka or the warehouse failed (it is retried later). */
    private boolean publish(Warehouse.Notice n) {
        try {
            var data = new WarehouseBatchCommitted(
                    n.batchId(), n.memberIds(), n.eventCount(), n.newestEventTime(), n.committedAt());
            var type = EventCatalog.WAREHOUSE_BATCH_COMMITTED;
            var headers =
                    CloudEventHeaders.of(n.batchId().toString(), settings.source(), type.type(), null, n.committedAt());
            producer.send(new ProducerRecord<>(
                            type.topic(), null, n.batchId().toString(), EventJson.write(data), headers))
                    .get(10, TimeUnit.SECONDS);
            warehouse.published(n.batchId());
            return true;
        } catch (Exception e) {
            LOG.warnf("batch notice %s not published yet: %s", n.batchId(), e.getMessage());
            return false;
        }
    }

    private boolean publishPending() throws Exception {
        for (var n : warehouse.unpublished()) {
            if (!publish(n)) {
                return false;
            }
        }
        return true;
    }

    private void position() throws Exception {
        var offsets = warehouse.offsets(unpositioned);
        var fromStart = new ArrayList<TopicPartition>();
        for (TopicPartition tp : unpositioned) {
            Long next = offsets.get(tp);
            if (next == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, next);
                committedPositions.put(tp, next);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
            for (TopicPartition tp : fromStart) {
                committedPositions.put(tp, consumer.position(tp));
            }
        }
        LOG.debugf("positioned %s at the warehouse's offsets", unpositioned);
        consumer.resume(unpositioned);
        unpositioned.clear();
    }

    private void repositionAll() {
        var assigned = consumer.assignment();
        consumer.pause(assigned);
        unpositioned.addAll(assigned);
        committedPositions.clear();
    }

    private void failed(Exception e) {
        consecutiveFailures++;
        failureCounter.increment();
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        lastErrorAt = clock.instant();
        state = "BACKING_OFF";
        LOG.warnf(
                "loading failed (%d in a row), retrying in %d ms: %s",
                consecutiveFailures, backoff.toMillis(), lastError);
        generation = -1;
        // nothing of the failed batch was committed: read it again from the last committed offsets
        try {
            var assigned = consumer.assignment();
            for (TopicPartition tp : assigned) {
                Long next = committedPositions.get(tp);
                if (next != null) {
                    consumer.seek(tp, next);
                } else {
                    unpositioned.add(tp);
                }
            }
            consumer.pause(assigned);
            long until = System.nanoTime() + backoff.toNanos();
            while (running && System.nanoTime() < until) {
                // keeps the group membership alive while paused: no records come back
                consumer.poll(Duration.ofMillis(Math.min(200, backoff.toMillis())));
            }
            var resumable = new HashSet<>(consumer.assignment());
            resumable.removeAll(unpositioned);
            consumer.resume(resumable);
        } catch (WakeupException stop) {
            // shutting down
        } catch (RuntimeException kafka) {
            LOG.debugf("while backing off: %s", kafka.getMessage());
        }
        backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                ? settings.maxBackoff()
                : backoff.multipliedBy(2);
    }

    /** Asks the loader to rebuild the warehouse from the retained topics (done on its own thread). */
    public void requestReplay() {
        replayRequested = true;
        consumer.wakeup();
    }

    private void startReplay() throws Exception {
        long g = warehouse.startReplay();
        replayRequested = false;
        generation = g;
        var assigned = consumer.assignment();
        consumer.seekToBeginning(assigned);
        committedPositions.clear();
        replayTargets.clear();
        long target = 0;
        var ends = consumer.endOffsets(assigned);
        for (TopicPartition tp : assigned) {
            long begin = consumer.position(tp);
            committedPositions.put(tp, begin);
            long end = ends.getOrDefault(tp, begin);
            replayTargets.put(tp, end);
            target += Math.max(0, end - begin);
        }
        replay = new Replay(g, clock.instant(), target, 0, target == 0);
        LOG.infof("replay %d: rebuilding the warehouse from %d retained records", g, target);
    }

    private void trackReplay() {
        var r = replay;
        if (r == null || r.finished()) {
            return;
        }
        long remaining = 0;
        for (var e : replayTargets.entrySet()) {
            Long at = committedPositions.get(e.getKey());
            if (at != null) {
                remaining += Math.max(0, e.getValue() - at);
            }
        }
        long done = Math.max(0, r.target() - remaining);
        replay = new Replay(r.generation(), r.startedAt(), r.target(), done, remaining == 0);
    }

    /**
     * Records not yet in the warehouse: the log end offsets (asked at most once a second) minus the positions the
     * warehouse has committed, over this loader's partitions.
     */
    private void measureLag() {
        long now = System.nanoTime();
        if (now - lagMeasuredAt < 1_000_000_000L) {
            return;
        }
        lagMeasuredAt = now;
        var assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            lag.set(0);
            return;
        }
        var ends = consumer.endOffsets(assigned, Duration.ofSeconds(2));
        long total = 0;
        for (var e : ends.entrySet()) {
            Long at = committedPositions.get(e.getKey());
            if (at != null) {
                total += Math.max(0, e.getValue() - at);
            }
        }
        lag.set(total);
    }

    public Status status() {
        return new Status(
                state,
                lastCommitAt,
                lastError,
                lastErrorAt,
                consecutiveFailures,
                eventsLoaded.get(),
                deadLetters.get(),
                lag.get(),
                replay);
    }

    /** Stops the loop (from another thread); the caller then joins the thread and closes the clients. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private static Instant eventTime(ConsumerRecord<String, byte[]> r) {
        var h = r.headers().lastHeader("ce_time");
        if (h != null) {
            try {
                return Instant.parse(new String(h.value(), StandardCharsets.UTF_8));
            } catch (DateTimeParseException ignored) {
                // fall back to the record's own time
            }
        }
        return Instant.ofEpochMilli(r.timestamp());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Pauses what is assigned until it is positioned at the warehouse's offsets; forgets what is taken away. */
    private final class Positioning implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
            unpositioned.addAll(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            unpositioned.removeAll(partitions);
            partitions.forEach(committedPositions::remove);
            partitions.forEach(replayTargets::remove);
        }
    }
}
