package dev.goalcoach.sync.loader;

import dev.goalcoach.kit.health.KafkaReadiness;
import dev.goalcoach.kit.messaging.CloudEventHeaders;
import dev.goalcoach.sync.config.SyncConfig;
import dev.goalcoach.sync.warehouse.Warehouse;
import dev.goalcoach.sync.warehouse.Warehouses;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

/** Starts the loader thread with the application and stops it with it; what the rest of the service talks to. */
@ApplicationScoped
public class SyncRunner implements KafkaReadiness.Detail {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    private final SyncConfig config;
    private final String bootstrapServers;
    private final String applicationName;
    private final MeterRegistry registry;
    private final Clock clock;
    private SyncLoop loop;
    private Thread thread;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private Warehouse warehouse;

    public SyncRunner(SyncConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.bootstrapServers = config.bootstrapServers();
        this.applicationName = config.clientName();
        this.registry = registry;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.enabled()) {
            LOG.info("the loader is switched off (goalcoach.sync.enabled=false)");
            return;
        }
        warehouse = Warehouses.open(config.warehouse(), applicationName);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                config.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG,
                applicationName + "-loader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                config.maxBatch(),
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                config.fetchMinBytes(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                (int) config.fetchMaxWait().toMillis(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        producer = producer(bootstrapServers, applicationName + "-notices");
        loop = new SyncLoop(
                new SyncLoop.Settings(
                        config.topics(),
                        config.pollTimeout(),
                        config.initialBackoff(),
                        config.maxBackoff(),
                        config.commitToKafka(),
                        CloudEventHeaders.source(applicationName)),
                warehouse,
                consumer,
                producer,
                registry,
                clock);
        thread = new Thread(loop, "warehouse-loader");
        thread.start();
        LOG.infof(
                "loading %s into the %s warehouse",
                config.topics(), config.warehouse().dialect());
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        if (loop == null) {
            return;
        }
        loop.stop();
        thread.join(10_000);
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
        warehouse.close();
    }

    /** The loader's state, or null when it is switched off. */
    public LoaderStatus status() {
        return loop == null ? null : loop.status();
    }

    public boolean running() {
        return loop != null;
    }

    public void requestReplay() {
        loop.requestReplay();
    }

    public String dialectName() {
        return config.warehouse().dialect();
    }

    @Override
    public void describe(HealthCheckResponseBuilder response) {
        var s = status();
        if (s != null) {
            response.withData("loaderConsumerLag", s.lag());
        }
    }

    /**
     * A producer that waits for every in-sync replica and never writes a record twice, bounded in how long a send
     * may block or take: the loader's (notices, dead letters) and the dead-letter replay's.
     */
    static KafkaProducer<String, byte[]> producer(String bootstrapServers, String clientId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }
}
