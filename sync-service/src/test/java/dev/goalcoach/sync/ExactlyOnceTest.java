package dev.goalcoach.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.events.Topics;
import dev.goalcoach.sync.loader.SyncLoop;
import dev.goalcoach.sync.warehouse.Warehouse;
import dev.goalcoach.testkit.KafkaBrokerResource;
import dev.goalcoach.testkit.PostgresResource;
import dev.goalcoach.testkit.Rows;
import dev.goalcoach.testkit.TestPublisher;
import dev.goalcoach.warehouse.PostgresDialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loader driven step by step on the real broker and a real PostgreSQL warehouse, crashed at the two points
 * where its two commits (the warehouse's, then Kafka's) can part: the warehouse's offsets decide.
 */
class ExactlyOnceTest {

    private static final List<String> TOPICS = List.of(Topics.MEMBERS, Topics.CHECKINS);
    private final List<AutoCloseable> open = new ArrayList<>();

    @Test
    void aCrashAfterTheWarehouseCommitButBeforeKafkasReadsNothingTwice() throws Exception {
        String db = freshWarehouse();
        String group = "exactly-once-" + UUID.randomUUID();
        var story = checkins(200);
        TestPublisher.send(story.events);

        // the first loader never tells Kafka its offsets: as if it died after each warehouse commit
        var first = loader(db, group, false);
        runUntil(first, () -> rows(db, story) == 200);
        long batches = count(db, "select count(*) from sync_batches");
        first.close();

        // its successor finds no Kafka offsets (the group would start from the beginning) and reads nothing again
        var second = loader(db, group, true);
        for (int i = 0; i < 30; i++) {
            second.loop.step();
        }
        assertThat(second.loop.status().eventsLoaded()).isZero();
        assertThat(count(db, "select count(*) from sync_batches")).isEqualTo(batches);
        assertThat(rows(db, story)).isEqualTo(200);

        // and goes on from there: the next events are loaded once
        var more = checkins(10);
        TestPublisher.send(more.events);
        runUntil(second, () -> rows(db, more) == 10);
        assertThat(second.loop.status().eventsLoaded()).isEqualTo(11);
    }

    @Test
    void aCrashAfterKafkasCommitButBeforeTheWarehouseCommitLosesNothing() throws Exception {
        String db = freshWarehouse();
        String group = "exactly-once-" + UUID.randomUUID();
        var story = checkins(50);
        TestPublisher.send(story.events);

        // Kafka holds offsets past everything (as if committed) while the warehouse has none of it
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers()))) {
            var request = new HashMap<TopicPartition, OffsetSpec>();
            for (String topic : TOPICS) {
                var partitions = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic)
                        .partitions();
                partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            var ends = admin.listOffsets(request).all().get();
            var commit = new HashMap<TopicPartition, OffsetAndMetadata>();
            ends.forEach((tp, info) -> commit.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, commit).all().get();
        }

        var loader = loader(db, group, true);
        runUntil(loader, () -> rows(db, story) == 50);
        assertThat(count(db, "select count(*) from dim_members where member_id = '" + story.member + "'"))
                .isEqualTo(1);
    }

    /** A member and {@code n} check-ins of theirs, each its own. */
    private static Story checkins(int n) {
        var story = new Story();
        story.member(1, "UTC");
        for (int i = 0; i < n; i++) {
            story.checkin("c" + i, "h" + (i % 5), i, "DONE", 1);
        }
        return story;
    }

    private record Loader(SyncLoop loop, KafkaConsumer<String, byte[]> consumer, Warehouse warehouse)
            implements AutoCloseable {
        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
            warehouse.close();
        }
    }

    private Loader loader(String db, String group, boolean commitToKafka) {
        var pg = PostgresResource.server();
        var props = new Properties();
        props.setProperty("user", pg.user());
        props.setProperty("password", pg.password());
        var warehouse = new Warehouse(new PostgresDialect(), pg.jdbcUrl(db), props);
        var consumer = new KafkaConsumer<String, byte[]>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaBrokerResource.broker().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        var producer = new KafkaProducer<String, byte[]>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaBrokerResource.broker().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
        open.add(producer);
        var loop = new SyncLoop(
                new SyncLoop.Settings(
                        TOPICS,
                        Duration.ofMillis(100),
                        Duration.ofMillis(50),
                        Duration.ofMillis(200),
                        commitToKafka,
                        "/goalcoach/sync-test"),
                warehouse,
                consumer,
                producer,
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        loop.subscribe();
        var loader = new Loader(loop, consumer, warehouse);
        open.add(loader);
        return loader;
    }

    private static void runUntil(Loader loader, BooleanSupplier done) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("loaded in time").isLessThan(until);
            loader.loop.step();
        }
    }

    private static String freshWarehouse() {
        String db = "gc_wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        PostgresResource.server().ensureDatabase(db);
        return db;
    }

    private static long rows(String db, Story story) {
        return count(db, "select count(*) from fact_checkins where member_id = '" + story.member + "'");
    }

    private static long count(String db, String sql) {
        try (var c = PostgresResource.server().connect(db)) {
            return Rows.count(c, sql);
        } catch (SQLException e) {
            // the schema appears with the loader's first step
            return -1;
        }
    }

    @AfterEach
    void close() throws Exception {
        for (var c : open) {
            c.close();
        }
    }
}
