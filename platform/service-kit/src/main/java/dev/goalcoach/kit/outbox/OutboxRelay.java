package dev.goalcoach.kit.outbox;

import dev.goalcoach.kit.health.KafkaReadiness;
import dev.goalcoach.kit.messaging.Backoff;
import dev.goalcoach.kit.messaging.CloudEventHeaders;
import dev.goalcoach.kit.tracing.EventTraces;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents (binary mode), in order, and deletes them once the broker
 * has acknowledged them: the topic holds the event from then on (decisions/0011), and a row deleted costs the
 * database no index entry where a row marked published cost one in each index (decisions/0026). Wakes on PostgreSQL
 * NOTIFY, so an event usually leaves within milliseconds of its commit; polls anyway, and backs off exponentially
 * while Kafka or the database is failing. A pass claims its rows by deleting them in a transaction that commits
 * only once the broker has them ({@code FOR UPDATE SKIP LOCKED}, so several replicas can relay side by side).
 * Delivery is at-least-once: consumers dedupe by event id.
 */
@ApplicationScoped
public class OutboxRelay implements KafkaReadiness.Detail {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String CHANNEL = "goalcoach_outbox";

    /*
     * The oldest unpublished rows, deleted in the pass's transaction and returned (in no particular order). Rows an
     * earlier version marked published instead (published_at) are not sent again; purgePublished removes them.
     */
    private static final String CLAIM = "delete from outbox where seq in (select seq from outbox"
            + " where published_at is null order by seq limit ? for update skip locked) returning seq, "
            + Outbox.COLUMNS + ", created_at";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final String source;
    private final AtomicLong backlog = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Timer lag;
    private final DistributionSummary batches;

    private volatile boolean running;
    private volatile Thread worker;
    private volatile Instant lastSuccess = Instant.EPOCH;
    private volatile String lastError;
    private KafkaProducer<String, byte[]> producer;
    private Connection listener;
    private Instant nextPurge = Instant.EPOCH;
    private Instant nextBacklogMeasure = Instant.EPOCH;
    private long lastPass = System.nanoTime();

    public OutboxRelay(
            AgroalDataSource dataSource,
            OutboxConfig config,
            MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.source = CloudEventHeaders.source(applicationName);
        Gauge.builder("goalcoach.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows committed but not yet acknowledged by Kafka")
                .register(registry);
        this.published = Counter.builder("goalcoach.outbox.published")
                .description("Events published from the outbox")
                .register(registry);
        this.failures = Counter.builder("goalcoach.outbox.failures")
                .description("Relay attempts that failed (Kafka or database unavailable)")
                .register(registry);
        this.batches = DistributionSummary.builder("goalcoach.outbox.batch")
                .description("Events claimed by a relay pass that claimed any")
                .register(registry);
        this.lag = Timer.builder("goalcoach.outbox.lag")
                .description("From an event's row written to the broker's acknowledgement of it")
                .publishPercentileHistogram()
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled on this replica");
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeListener();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Rows committed but not yet published, as of the last relay pass. */
    /** Readiness shows the backlog: while Kafka is away, accepted changes wait in the outbox. */
    @Override
    public void describe(HealthCheckResponseBuilder response) {
        response.withData("outboxBacklog", backlog())
                .withData("outboxLastSuccess", lastSuccess().toString());
        if (lastError() != null) {
            response.withData("outboxLastError", lastError());
        }
    }

    public long backlog() {
        return backlog.get();
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastError() {
        return lastError;
    }

    private void run() {
        var backoff = new Backoff(config.pollInterval(), config.maxBackoff());
        while (running) {
            try {
                ensureListening();
                spacePasses();
                while (running && drainOnce() == config.batchSize()) {
                    // a full batch: there may be more
                }
                if (Instant.now().isAfter(nextBacklogMeasure)) {
                    measureBacklog(); // at most once a second: under load the relay wakes on every commit
                    nextBacklogMeasure = Instant.now().plusSeconds(1);
                }
                purgePublished();
                lastSuccess = Instant.now();
                lastError = null;
                backoff.reset();
                awaitWork(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures.increment();
                lastError = e.getMessage();
                LOG.warnf(
                        "outbox relay: %s; retrying in %d ms",
                        e.getMessage(), backoff.current().toMillis());
                closeListener();
                try {
                    measureBacklog();
                } catch (SQLException ignored) {
                    // the database is the problem; the gauge keeps its last value
                }
                try {
                    Thread.sleep(backoff.current().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff.failed();
            }
        }
    }

    /**
     * Waits until {@code pass-spacing} has passed since the last pass began: under a steady stream of commits (each
     * one a NOTIFY) a pass then takes what came in meanwhile, one claim, one produce request and one commit for
     * several events rather than for one or two; after a quiet spell the first event leaves at once.
     */
    private void spacePasses() throws InterruptedException {
        long wait = lastPass + config.passSpacing().toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        lastPass = System.nanoTime();
    }

    /** Publishes one batch; returns how many rows it claimed. Throws when any row could not be published. */
    int drainOnce() throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<OutboxRow> rows;
            try {
                rows = claim(c);
            } catch (SQLException | RuntimeException e) {
                safeRollback(c);
                throw e;
            }
            if (rows.isEmpty()) {
                c.commit();
                return 0;
            }
            batches.record(rows.size());
            int acknowledged;
            String failure;
            try {
                var sent = send(rows);
                acknowledged = sent.acknowledged();
                failure = sent.failure();
                if (failure == null) {
                    c.commit(); // the rows leave the outbox: the broker has every one of them
                }
                var now = Instant.now();
                for (OutboxRow row : rows.subList(0, acknowledged)) {
                    lag.record(Duration.between(row.createdAt(), now));
                }
            } catch (SQLException | RuntimeException | InterruptedException e) {
                safeRollback(c);
                throw e;
            }
            if (failure != null) {
                // keep order per key: the rows from the first unacknowledged one on stay, to be sent again
                safeRollback(c);
                keepUnacknowledged(c, rows, acknowledged, failure);
            }
            published.increment(acknowledged);
            if (failure != null) {
                throw new IllegalStateException("Kafka did not acknowledge the outbox batch: " + failure);
            }
            return rows.size();
        }
    }

    /** How many of a batch's rows the broker acknowledged, in order, and why the next one failed (null: none did). */
    private record Sent(int acknowledged, String failure) {}

    private Sent send(List<OutboxRow> rows) throws InterruptedException {
        var sends = new ArrayList<Future<RecordMetadata>>(rows.size());
        for (OutboxRow row : rows) {
            // each event published in a span of the trace that wrote it, carried on as ce_traceparent
            Span span = EventTraces.start(row.topic() + " publish", SpanKind.PRODUCER, row.traceparent());
            span.setAttribute("messaging.destination.name", row.topic());
            var send = producer().send(toRecord(row, EventTraces.traceparent(span.getSpanContext())), (m, e) -> {
                if (e != null) {
                    EventTraces.failed(span, e);
                }
                span.end();
            });
            sends.add(send);
            if (send.isDone() && failedAlready(send)) {
                break; // e.g. no metadata from a broker that is down: the rest would wait just as long
            }
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return new Sent(i, e.getCause() != null ? e.getCause().toString() : e.toString());
            }
        }
        return new Sent(rows.size(), null); // a send cut short ended in a failure above
    }

    /**
     * After a batch the broker acknowledged only in part (its claim rolled back): deletes the acknowledged rows and
     * counts the attempt on the first of the others, in a transaction of its own.
     */
    private void keepUnacknowledged(Connection c, List<OutboxRow> rows, int acknowledged, String failure)
            throws SQLException {
        try {
            if (acknowledged > 0) {
                try (var ps = c.prepareStatement("delete from outbox where seq = any(?)")) {
                    ps.setArray(
                            1,
                            c.createArrayOf(
                                    "bigint",
                                    rows.subList(0, acknowledged).stream()
                                            .map(OutboxRow::seq)
                                            .toArray()));
                    ps.executeUpdate();
                }
            }
            try (var ps =
                    c.prepareStatement("update outbox set attempts = attempts + 1, last_error = ? where seq = ?")) {
                ps.setString(1, failure.length() > 1000 ? failure.substring(0, 1000) : failure);
                ps.setLong(2, rows.get(acknowledged).seq());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            safeRollback(c);
            throw e;
        }
    }

    private List<OutboxRow> claim(Connection c) throws SQLException {
        var rows = new ArrayList<OutboxRow>();
        try (var ps = c.prepareStatement(CLAIM)) {
            ps.setInt(1, config.batchSize());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(
                            rs.getLong(1),
                            rs.getObject(2).toString(),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getObject(7, OffsetDateTime.class).toInstant(),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getObject(10, OffsetDateTime.class).toInstant()));
                }
            }
        }
        rows.sort(Comparator.comparingLong(OutboxRow::seq)); // a delete returns its rows in no set order
        return rows;
    }

    private ProducerRecord<String, byte[]> toRecord(OutboxRow row, String traceparent) {
        var headers = CloudEventHeaders.of(row.eventId(), source, row.type(), row.subject(), row.time());
        if (traceparent != null) {
            headers.add(EventTraces.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(row.topic(), null, row.key(), row.data().getBytes(StandardCharsets.UTF_8), headers);
    }

    private void measureBacklog() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("select count(*) from outbox where published_at is null")) {
            rs.next();
            backlog.set(rs.getLong(1));
        }
    }

    /**
     * Rows marked published by a version before decisions/0026 (published rows were kept, not deleted): removed after
     * their retention, as then. Goes with the published_at column, in the contract step (decisions/0016).
     */
    private void purgePublished() throws SQLException {
        if (Instant.now().isBefore(nextPurge)) {
            return;
        }
        nextPurge = Instant.now().plusSeconds(60);
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("delete from outbox where published_at < now() - ?::interval")) {
            ps.setString(1, config.retention().toSeconds() + " seconds");
            ps.executeUpdate();
        }
    }

    private void ensureListening() throws SQLException {
        if (listener == null) {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("listen " + CHANNEL);
            }
            listener = c;
        }
    }

    private void awaitWork(long millis) throws SQLException, InterruptedException {
        var notifications = listener.unwrap(PGConnection.class).getNotifications((int) millis);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (notifications == null) {
            // no notification: getNotifications returned at the timeout
            return;
        }
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (SQLException ignored) {
                // already broken
            }
            listener = null;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true,
                            ProducerConfig.LINGER_MS_CONFIG,
                            2,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG,
                            config.sendTimeout().toMillis(),
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                            5000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                            (int) Math.max(7000, config.sendTimeout().toMillis()),
                            ProducerConfig.CLIENT_ID_CONFIG,
                            source.substring(1).replace('/', '-') + "-outbox"),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    private static boolean failedAlready(Future<RecordMetadata> send) {
        try {
            send.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; PostgreSQL rolled back for us
        }
    }

    private record OutboxRow(
            long seq,
            String eventId,
            String topic,
            String key,
            String type,
            String subject,
            Instant time,
            String data,
            String traceparent,
            Instant createdAt) {}
}
