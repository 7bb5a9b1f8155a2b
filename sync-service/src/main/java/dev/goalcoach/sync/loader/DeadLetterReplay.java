package dev.goalcoach.sync.loader;

import dev.goalcoach.events.Topics;
import dev.goalcoach.sync.config.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * An operator's way back from {@code goalcoach.dlq}: each record dead-lettered since the last replay goes back to
 * the topic it came from (its {@code dead-letter-topic} header), with its key, value and CloudEvents headers, and
 * without the {@code dead-letter-*} ones. Every consumer is idempotent by event id, so a record that had been
 * applied somewhere is applied once still; one that fails again is dead-lettered again, for the next replay.
 *
 * <p>Where the last replay stopped is the consumer group {@code <group>-dlq-replay}'s committed offsets, committed
 * after the records were sent (at least once: a crash in between sends them again, which the ids absorb). One
 * replay at a time per replica, each bounded in records and in time.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);

    /** What a replay did: records sent back per topic, those without an origin left alone, and whether more wait. */
    public record Outcome(int replayed, Map<String, Integer> byTopic, int skipped, long waiting) {}

    /** What waits in the dead-letter topic for the next replay. */
    public record Pending(long waiting) {}

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final SyncConfig config;

    public DeadLetterReplay(SyncConfig config) {
        this.config = config;
    }

    /** Records dead-lettered since the last replay. */
    public synchronized Pending pending() {
        try (var consumer = consumer()) {
            var partitions = partitions(consumer);
            return new Pending(waiting(consumer, partitions, positions(consumer, partitions)));
        }
    }

    /** Sends at most {@code max} records dead-lettered since the last replay back to their topics. */
    public synchronized Outcome replay(int max) throws Exception {
        var byTopic = new TreeMap<String, Integer>();
        int replayed = 0;
        int skipped = 0;
        try (var consumer = consumer();
                var producer = producer()) {
            var partitions = partitions(consumer);
            var positions = positions(consumer, partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            positions.forEach(consumer::seek);
            var next = new HashMap<>(positions);
            var sends = new ArrayList<Future<RecordMetadata>>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (replayed + skipped < max
                    && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> next.get(tp) < ends.get(tp))) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    var tp = new TopicPartition(r.topic(), r.partition());
                    if (replayed + skipped >= max || r.offset() >= ends.get(tp)) {
                        continue;
                    }
                    var origin = r.headers().lastHeader("dead-letter-topic");
                    if (origin == null || Topics.DLQ.equals(text(origin.value()))) {
                        skipped++;
                    } else {
                        var headers = new RecordHeaders();
                        r.headers().forEach(h -> {
                            if (!h.key().startsWith("dead-letter-")) {
                                headers.add(h);
                            }
                        });
                        headers.add("goalcoach-replayed-from", text(tp + "@" + r.offset()));
                        String topic = text(origin.value());
                        sends.add(producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), headers)));
                        byTopic.merge(topic, 1, Integer::sum);
                        replayed++;
                    }
                    next.put(tp, r.offset() + 1);
                }
            }
            for (var send : sends) {
                send.get(10, TimeUnit.SECONDS);
            }
            var commit = new HashMap<TopicPartition, OffsetAndMetadata>();
            next.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
            consumer.commitSync(commit, Duration.ofSeconds(10));
            long waiting = 0;
            for (var tp : partitions) {
                waiting += Math.max(0, ends.get(tp) - next.get(tp));
            }
            LOG.infof(
                    "replayed %d dead letters %s, %d without an origin left alone, %d wait",
                    replayed, byTopic, skipped, waiting);
            return new Outcome(replayed, byTopic, skipped, waiting);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        var infos = consumer.partitionsFor(Topics.DLQ, Duration.ofSeconds(10));
        return infos == null
                ? List.of()
                : infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
    }

    /** Where the last replay stopped in each partition, or its beginning. */
    private static Map<TopicPartition, Long> positions(
            KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        var committed = consumer.committed(new HashSet<>(partitions), Duration.ofSeconds(10));
        var beginnings = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
        var positions = new HashMap<TopicPartition, Long>();
        for (var tp : partitions) {
            var c = committed.get(tp);
            positions.put(tp, Math.max(beginnings.get(tp), c == null ? 0 : c.offset()));
        }
        return positions;
    }

    private static long waiting(
            KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> from) {
        long waiting = 0;
        for (var e : consumer.endOffsets(partitions, Duration.ofSeconds(10)).entrySet()) {
            waiting += Math.max(0, e.getValue() - from.get(e.getKey()));
        }
        return waiting;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                config.groupId() + "-dlq-replay",
                ConsumerConfig.CLIENT_ID_CONFIG,
                config.clientName() + "-dlq-replay",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }

    private KafkaProducer<String, byte[]> producer() {
        return SyncRunner.producer(config.bootstrapServers(), config.clientName() + "-dlq-replay");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
