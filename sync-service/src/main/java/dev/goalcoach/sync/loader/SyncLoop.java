package dev.goalcoach.sync.loader;

import dev.goalcoach.kit.messaging.Backoff;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.kit.tracing.EventTraces;
import dev.goalcoach.sync.warehouse.Batch;
import dev.goalcoach.sync.warehouse.Warehouse;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
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

    private final Settings settings;
    private final Warehouse warehouse;
    private final Consumer<String, byte[]> consumer;
    private final Clock clock;
    private final Positions positions;
    private final ReplayProgress replay = new ReplayProgress();
    private final BatchNotices notices;
    private final DeadLetters deadLetters;
    private final LoaderMetrics metrics;

    private volatile boolean running = true;
    private final AtomicBoolean replayRequested = new AtomicBoolean();
    private boolean migrated;
    private boolean noticesPending = true;
    private long generation = -1;
    private final Backoff backoff;
    private long lagMeasuredAt;

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
        this.clock = clock;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.positions = new Positions(consumer);
        this.notices = new BatchNotices(producer, warehouse, settings.source());
        this.deadLetters = new DeadLetters(producer, settings.source());
        this.metrics = new LoaderMetrics(registry);
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
        consumer.subscribe(settings.topics(), new Rebalancing());
    }

    /** One round: position new partitions, publish pending notices, poll, load, publish this batch's notice. */
    public void step() throws Exception {
        if (!migrated) {
            warehouse.migrate();
            migrated = true;
        }
        if (replayRequested.getAndSet(false)) {
            startReplay();
        }
        if (generation < 0) {
            generation = warehouse.generation();
        }
        if (!positions.allPositioned()) {
            positions.position(warehouse);
        }
        if (noticesPending) {
            noticesPending = !notices.publishPending();
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
        if (!running) {
            return;
        }
        measureLag();
        if (!records.isEmpty()) {
            traced(records);
        }
        replay.track(positions::behind);
        backoff.reset();
        metrics.roundDone();
    }

    /**
     * {@link #load} in a span per record of the trace its event carries ({@code <topic> load}, ended once the
     * warehouse has committed it, or failed with the batch), so that a check-in's trace reaches the warehouse.
     */
    private void traced(ConsumerRecords<String, byte[]> records) throws Exception {
        var spans = new ArrayList<Span>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            Span span = EventTraces.start(r.topic() + " load", SpanKind.CONSUMER, EventTraces.of(r.headers()));
            if (span.isRecording()) {
                span.setAttribute("messaging.destination.name", r.topic());
                span.setAttribute("messaging.kafka.offset", r.offset());
                spans.add(span);
            }
        }
        try {
            load(records);
        } catch (Exception | Error e) {
            spans.forEach(span -> EventTraces.failed(span, e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    /**
     * Loads one poll. Records that cannot become rows (not a CloudEvent, not their schema, a value the warehouse
     * cannot hold) are dead-lettered first, once; the rest commit as one batch. When the warehouse refuses the
     * batch's data itself (SQLState class 22 or 23: something no check here foresaw), the batch is halved and each
     * half committed on its own, down to the one record that is refused, which is dead-lettered with the
     * warehouse's reason: everyone else's events load, and the poison record does not hold the partition.
     */
    private void load(ConsumerRecords<String, byte[]> records) throws Exception {
        var all = new ArrayList<ConsumerRecord<String, byte[]>>(records.count());
        var dead = new HashSet<ConsumerRecord<String, byte[]>>();
        var batch = new Batch();
        var appendTimes = new ArrayList<Long>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            all.add(r);
            try {
                var event = ReceivedEvent.of(r.headers(), r.value());
                batch.event(() -> EventRows.add(batch, event, eventTime(r)));
                appendTimes.add(r.timestamp());
            } catch (RuntimeException e) {
                deadLetters.send(r, e);
                metrics.deadLettered();
                dead.add(r);
            }
            batch.consumed(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        try {
            commit(batch, appendTimes);
        } catch (SQLException e) {
            if (!refusesData(e) || dead.containsAll(all)) {
                throw e;
            }
            halve(all, dead, e);
        }
    }

    /** Loads each half of {@code records} on its own (see {@link #load}); false once the warehouse is rebuilding. */
    private boolean halve(
            List<ConsumerRecord<String, byte[]>> records, Set<ConsumerRecord<String, byte[]>> dead, SQLException why)
            throws Exception {
        if (records.size() == 1) {
            var poison = records.get(0);
            deadLetters.send(
                    poison, new IllegalArgumentException("the warehouse refused it: " + why.getMessage(), why));
            metrics.deadLettered();
            dead.add(poison);
            return loadOrHalve(records, dead);
        }
        LOG.warnf(
                "the warehouse refused a batch of %d records (%s): loading each half on its own",
                records.size(), why.getMessage());
        int half = records.size() / 2;
        return loadOrHalve(records.subList(0, half), dead) && loadOrHalve(records.subList(half, records.size()), dead);
    }

    private boolean loadOrHalve(List<ConsumerRecord<String, byte[]>> records, Set<ConsumerRecord<String, byte[]>> dead)
            throws Exception {
        var batch = new Batch();
        var appendTimes = new ArrayList<Long>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            if (!dead.contains(r)) {
                var event = ReceivedEvent.of(r.headers(), r.value());
                batch.event(() -> EventRows.add(batch, event, eventTime(r)));
                appendTimes.add(r.timestamp());
            }
            batch.consumed(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        try {
            return commit(batch, appendTimes);
        } catch (SQLException e) {
            if (!refusesData(e) || records.stream().allMatch(dead::contains)) {
                throw e;
            }
            return halve(records, dead, e);
        }
    }

    /** The warehouse refuses the data itself (class 22: data exception, 23: integrity), however often it is sent. */
    static boolean refusesData(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("22") || state.startsWith("23")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One warehouse transaction for {@code batch}; false when the warehouse is being rebuilt (stop this poll). */
    private boolean commit(Batch batch, List<Long> appendTimes) throws Exception {
        Instant now = clock.instant();
        var notice = batch.events() == 0
                ? null
                : new Warehouse.Notice(
                        UUID.randomUUID(),
                        List.copyOf(batch.members()),
                        batch.events(),
                        batch.newestEventTime(),
                        now,
                        batch.factsOnly());
        long started = System.nanoTime();
        var committed = warehouse.commit(batch, generation, notice);
        if (committed.generationChanged()) {
            LOG.info("the warehouse is being rebuilt: repositioning every partition");
            generation = -1;
            positions.repositionAll();
            return false;
        }
        metrics.committed(
                System.nanoTime() - started, appendTimes, committed.rowsPerTable(), batch.events(), clock.instant());
        positions.committed(batch.nextOffsets());
        if (notice != null) {
            noticesPending = !notices.publish(notice);
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
        return true;
    }

    private void failed(Exception e) {
        int failures = metrics.failed(e, clock.instant());
        LOG.warnf(
                "loading failed (%d in a row), retrying in %d ms: %s",
                failures, backoff.current().toMillis(), metrics.lastError());
        generation = -1;
        // nothing of the failed batch was committed: read it again from the last committed offsets
        try {
            positions.rewind();
            long until = System.nanoTime() + backoff.current().toNanos();
            while (running && System.nanoTime() < until) {
                // keeps the group membership alive while paused: no records come back
                consumer.poll(Duration.ofMillis(Math.min(200, backoff.current().toMillis())));
            }
            positions.resumePositioned();
        } catch (WakeupException stop) {
            // shutting down
        } catch (RuntimeException kafka) {
            LOG.debugf("while backing off: %s", kafka.getMessage());
        }
        backoff.failed();
    }

    /** Asks the loader to rebuild the warehouse from the retained topics (done on its own thread). */
    public void requestReplay() {
        replay.request(clock.instant());
        replayRequested.set(true);
        consumer.wakeup();
    }

    /** Taken up once per request: one made while this runs starts another; one that fails here is tried again. */
    private void startReplay() throws Exception {
        try {
            long g = warehouse.startReplay();
            generation = g;
            var begins = positions.fromBeginning();
            replay.start(g, clock.instant(), begins, consumer.endOffsets(begins.keySet()));
        } catch (Exception e) {
            replayRequested.set(true);
            throw e;
        }
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
            metrics.lag(0);
            return;
        }
        metrics.lag(positions.behind(consumer.endOffsets(assigned, Duration.ofSeconds(2))));
    }

    public LoaderStatus status() {
        return metrics.status(replay.current());
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

    /** Pauses what is assigned until it is positioned at the warehouse's offsets; forgets what is taken away. */
    private final class Rebalancing implements ConsumerRebalanceListener {
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
            positions.assigned(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            positions.forget(partitions);
            replay.forget(partitions);
        }
    }
}
