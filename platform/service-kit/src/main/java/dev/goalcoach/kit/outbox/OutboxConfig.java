package dev.goalcoach.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "goalcoach.outbox")
public interface OutboxConfig {

    /** Whether this replica runs a relay (several may: rows are claimed with FOR UPDATE SKIP LOCKED). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * The least time from one pass's start to the next's, when the outbox is not behind by a full batch: under load
     * a pass then publishes several events at once (decisions/0026); 0 starts a pass at each commit's NOTIFY.
     */
    @WithDefault("50ms")
    Duration passSpacing();

    /** How long the relay sleeps when no NOTIFY arrives; it looks anyway after this. */
    @WithDefault("2s")
    Duration pollInterval();

    /** Longest wait between attempts while Kafka or PostgreSQL is failing (doubles from poll-interval). */
    @WithDefault("30s")
    Duration maxBackoff();

    /** How long the broker may take to acknowledge a batch before the attempt counts as failed. */
    @WithDefault("15s")
    Duration sendTimeout();

    /**
     * How long rows marked published by an earlier version are kept (this one deletes a row once the broker has
     * it, decisions/0026).
     */
    @WithDefault("24h")
    Duration retention();
}
