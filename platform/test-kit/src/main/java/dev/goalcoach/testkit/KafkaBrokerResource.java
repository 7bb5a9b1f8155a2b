package dev.goalcoach.testkit;

import dev.goalcoach.embedded.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A real Apache Kafka broker (KRaft) in the test JVM, started once and shared by every test of the module. Tests
 * that need the broker gone call {@link #broker()}{@code .stop()} and {@code .restart()}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            try {
                broker = KafkaBroker.start(Files.createTempDirectory("goalcoach-kafka"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test of this JVM; stopped by the shutdown hook
    }
}
