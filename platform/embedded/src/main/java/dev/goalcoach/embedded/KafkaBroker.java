package dev.goalcoach.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one) running inside this JVM, on
 * loopback only. It can be stopped and started again on the same ports and data, which is how tests take the
 * broker away from a running service.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private KafkaRaftServer server;

    private KafkaBroker(Path dataDir, int port, int controllerPort, int partitions) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    /** Starts a broker on {@code port} (0 = any free port) keeping its log under {@code dataDir}. */
    public static KafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, 3);
    }

    /** As {@link #start(Path, int)}, with topics created with {@code partitions} partitions (3 by default). */
    public static KafkaBroker start(Path dataDir, int port, int partitions) {
        var broker = new KafkaBroker(dataDir, port == 0 ? freePort() : port, freePort(), partitions);
        broker.format();
        broker.startServer();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker, keeping its data: {@link #restart()} brings the same topics and offsets back. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        server = new KafkaRaftServer(new KafkaConfig(properties(), false), Time.SYSTEM);
        server.startup();
    }

    private void format() {
        Path meta = dataDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            return; // formatted by an earlier run: keep its cluster id, topics and offsets
        }
        try {
            Files.createDirectories(dataDir);
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setDirectories(Set.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dataDir, e);
        }
    }

    private Properties properties() {
        var p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", String.valueOf(partitions));
        p.put("auto.create.topics.enable", "true");
        // the domain topics are the record the warehouse is rebuilt from (a replay) and dead letters are replayed
        // from: kept, not dropped after Kafka's default week (docs/decisions/0011)
        p.put("log.retention.ms", "-1");
        p.put("group.initial.rebalance.delay.ms", "0");
        for (String rf : List.of(
                "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor",
                "share.coordinator.state.topic.replication.factor",
                "default.replication.factor")) {
            p.put(rf, "1");
        }
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return p;
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
