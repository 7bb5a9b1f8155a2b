package dev.goalcoach.sync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** sync-service settings ({@code goalcoach.sync.*}; environment variables in {@code .env.example}). */
@ConfigMapping(prefix = "goalcoach.sync")
public interface SyncConfig {

    /** Off only for tests that drive the loader themselves. */
    @WithDefault("true")
    boolean enabled();

    /** The domain topics loaded into the warehouse. */
    @WithDefault(
            "goalcoach.members,goalcoach.goals,goalcoach.checkins,goalcoach.journal,goalcoach.coach,goalcoach.mentor")
    List<String> topics();

    @WithDefault("sync-service")
    String groupId();

    /** The broker the loader reads from: the one every channel of the service uses. */
    @WithDefault("${kafka.bootstrap.servers}")
    String bootstrapServers();

    /** Names the loader's Kafka clients and its warehouse session. */
    @WithDefault("${quarkus.application.name}")
    String clientName();

    /** The most records one batch (one warehouse transaction) takes. */
    @WithDefault("5000")
    int maxBatch();

    /**
     * A fetch returns once this many bytes wait on the broker, or after {@link #fetchMaxWait}: at a low rate the
     * loader takes a batch every {@code fetchMaxWait} instead of one per event, each batch a warehouse transaction
     * (and a notice analytics acts on) with its fixed cost; at a high rate batches fill without waiting.
     */
    @WithDefault("65536")
    int fetchMinBytes();

    /** The longest the broker holds a fetch for {@link #fetchMinBytes}: what batching may add to freshness. */
    @WithDefault("200ms")
    Duration fetchMaxWait();

    /** How long a poll waits for records (and so the longest a lone event waits to be loaded). */
    @WithDefault("100ms")
    Duration pollTimeout();

    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** Also commit offsets to Kafka after the warehouse (for lag tools only: the warehouse's offsets rule). */
    @WithDefault("true")
    boolean commitToKafka();

    Warehouse warehouse();

    interface Warehouse {
        /** {@code postgres} (local and test default) or {@code snowflake}. */
        @WithDefault("postgres")
        String dialect();

        /** JDBC URL of the warehouse. */
        String url();

        Optional<String> user();

        Optional<String> password();

        /** Snowflake key-pair authentication: the PKCS#8 private key file. */
        Optional<String> privateKeyFile();
    }
}
