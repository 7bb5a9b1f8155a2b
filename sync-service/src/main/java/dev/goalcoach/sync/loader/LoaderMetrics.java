package dev.goalcoach.sync.loader;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the loader has done and how it is doing: the figures its status shows (read from other threads) and the
 * meters it publishes ({@code goalcoach_sync_*}).
 */
final class LoaderMetrics {

    private volatile LoaderState state = LoaderState.STARTING;
    private volatile Instant lastCommitAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile int consecutiveFailures;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong eventsLoaded = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    private final MeterRegistry registry;
    private final Counter eventsCounter;
    private final Counter deadLetterCounter;
    private final Counter failureCounter;
    private final Timer batchTimer;
    private final Timer endToEnd;

    LoaderMetrics(MeterRegistry registry) {
        this.registry = registry;
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

    /**
     * A batch committed: its warehouse transaction took {@code nanos}; {@code appendTimes} are its records' broker
     * append times (a latency against them uses the real clock, whatever the business clock says).
     */
    void committed(long nanos, List<Long> appendTimes, Map<String, Integer> rowsPerTable, int events, Instant at) {
        batchTimer.record(nanos, TimeUnit.NANOSECONDS);
        long now = System.currentTimeMillis();
        for (long appended : appendTimes) {
            endToEnd.record(Math.max(0, now - appended), TimeUnit.MILLISECONDS);
        }
        rowsPerTable.forEach((table, rows) ->
                registry.counter("goalcoach_sync_rows", "table", table).increment(rows));
        eventsLoaded.addAndGet(events);
        eventsCounter.increment(events);
        lastCommitAt = at;
        state = LoaderState.RUNNING;
    }

    /** A round went through: the loader runs, and no failure is outstanding. */
    void roundDone() {
        state = LoaderState.RUNNING;
        consecutiveFailures = 0;
    }

    void deadLettered() {
        deadLetters.incrementAndGet();
        deadLetterCounter.increment();
    }

    /** A batch failed; answers how many have failed in a row. */
    int failed(Exception e, Instant at) {
        consecutiveFailures++;
        failureCounter.increment();
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        lastErrorAt = at;
        state = LoaderState.BACKING_OFF;
        return consecutiveFailures;
    }

    String lastError() {
        return lastError;
    }

    void lag(long records) {
        lag.set(records);
    }

    LoaderStatus status(Replay replay) {
        return new LoaderStatus(
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
}
