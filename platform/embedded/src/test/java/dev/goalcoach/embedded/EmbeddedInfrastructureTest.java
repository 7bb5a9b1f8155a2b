package dev.goalcoach.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @TempDir
    Path tmp;

    @Test
    void brokerKeepsRecordsAcrossARestartOnTheSamePort() throws Exception {
        try (var broker = KafkaBroker.start(tmp.resolve("kafka"), 0)) {
            send(broker, "before");
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.restart();
            send(broker, "after");

            assertThat(readAll(broker)).containsExactly("before", "after");
        }
    }

    @Test
    void embeddedPostgresServesADatabaseOfItsOwn() throws Exception {
        try (var pg = Postgres.embedded(null, 0)) {
            pg.ensureDatabase("goalcoach_probe");
            pg.ensureDatabase("goalcoach_probe"); // a second call is harmless
            try (var c = pg.connect("goalcoach_probe");
                    var rs = c.createStatement().executeQuery("select current_database(), version()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("goalcoach_probe");
                assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
            }
            pg.dropDatabase("goalcoach_probe");
        }
    }

    @Test
    void externalUrlsAreParsedInBothSpellings() {
        var a = Postgres.external("postgresql://gc:secret@db.local:6543/postgres");
        assertThat(List.of(a.host(), a.port(), a.user(), a.password()))
                .containsExactly("db.local", 6543, "gc", "secret");
        var b = Postgres.external("jdbc:postgresql://localhost/postgres?user=u&password=p");
        assertThat(List.of(b.host(), b.port(), b.user(), b.password())).containsExactly("localhost", 5432, "u", "p");
        assertThat(Files.exists(tmp)).isTrue();
    }

    @Test
    void moreServerSettingsAreReadAsNameValuePairs() {
        assertThat(Postgres.settings(" shared_preload_libraries=pg_stat_statements, track_io_timing=on"))
                .containsExactly(
                        Map.entry("shared_preload_libraries", "pg_stat_statements"),
                        Map.entry("track_io_timing", "on"));
        assertThat(Postgres.settings(null)).isEmpty();
        assertThat(Postgres.settings(" ")).isEmpty();
        assertThatThrownBy(() -> Postgres.settings("work_mem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GOALCOACH_EMBEDDED_PG_SETTINGS");
    }

    private static void send(KafkaBroker broker, String value) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        30_000),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe", "k", value)).get();
        }
    }

    private static List<String> readAll(KafkaBroker broker) {
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "probe-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("probe"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
