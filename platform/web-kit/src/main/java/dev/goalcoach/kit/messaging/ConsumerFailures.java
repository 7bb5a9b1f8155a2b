package dev.goalcoach.kit.messaging;

import dev.goalcoach.kit.tracing.EventTraces;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What a Kafka consumer does when applying a record fails. A failure that can never succeed goes to the channel's
 * dead-letter strategy; any other is retried, with backoff and without end, so that a database restart or a lost
 * connection delays the partition (its order kept) instead of dropping an event.
 *
 * <p>Can never succeed: the record breaks the event contract (reading it throws {@link IllegalArgumentException}:
 * not a CloudEvent, not its schema, no data), or the database refuses the data itself — SQLState class 22 (data
 * exception) or 23 (integrity constraint violation). Everything else may pass: connection failures (class 08),
 * serialization failures and deadlocks (40), resources (53), an administrator's shutdown (57), timeouts. A bug that
 * fails every time is retried too: the partition stops there (and readiness says so after a while), which is
 * better than losing the event; the log names it at every attempt.
 */
public final class ConsumerFailures {

    private static final Logger LOG = Logger.getLogger(ConsumerFailures.class);

    /** The first retry waits this long, each next one twice as long, up to {@link #MAX_BACKOFF}. */
    public static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** A record being retried: since when, and the last failure. */
    public record Blocked(Instant since, String lastFailure) {}

    private static final Map<String, Blocked> BLOCKED = new ConcurrentHashMap<>();

    /** The records being retried now, by name (topic-partition@offset): their partition waits behind them. */
    public static Map<String, Blocked> blocked() {
        return Map.copyOf(BLOCKED);
    }

    /** True when {@code failure} can never succeed, however often it is retried. */
    public static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return true;
            }
            String state = sqlState(t);
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code work}, subscribed again while it fails for a reason that may pass ({@link #INITIAL_BACKOFF} doubling to
     * {@link #MAX_BACKOFF}); a failure that can never succeed comes out as it is. {@code what} names the record in
     * the log.
     */
    public static <T> Uni<T> retryingTransient(String what, Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .<T>deferred(work::get)
                .onFailure(t -> {
                    if (permanent(t)) {
                        return false;
                    }
                    LOG.warnf("%s failed, retrying (at most every %ds): %s", what, MAX_BACKOFF.toSeconds(), t);
                    BLOCKED.compute(
                            what,
                            (k, was) -> new Blocked(was == null ? Instant.now() : was.since(), String.valueOf(t)));
                    return true;
                })
                .retry()
                .withBackOff(INITIAL_BACKOFF, MAX_BACKOFF)
                .indefinitely()
                .onTermination()
                .invoke(() -> BLOCKED.remove(what));
    }

    /**
     * {@link #retryingTransient(String, Supplier)} for the Kafka record {@code record} (named topic-partition@offset),
     * in a span of the trace the event carries ({@link EventTraces#applying}).
     */
    public static <T> Uni<T> retryingTransient(IncomingKafkaRecordMetadata<?, ?> record, Supplier<Uni<T>> work) {
        return EventTraces.applying(
                record.getTopic(),
                record.getHeaders(),
                () -> retryingTransient(
                        "applying " + record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset(),
                        work));
    }

    private static String sqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        try { // Hibernate's JDBCException and the like carry it too
            var getter = t.getClass().getMethod("getSQLState");
            return getter.getReturnType() == String.class ? (String) getter.invoke(t) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private ConsumerFailures() {}
}
