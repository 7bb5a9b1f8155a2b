package dev.goalcoach.testkit;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads back what a service published to the real broker: records with their key, CloudEvents headers and data. */
public final class PublishedRecords {

    /**
     * One record as a consumer sees it; {@code ce} holds the CloudEvents binary-mode headers without their prefix,
     * {@code headers} every header as text.
     */
    public record Published(
            String topic, int partition, String key, Map<String, String> ce, Map<String, String> headers, byte[] data) {
        public String type() {
            return ce.get("type");
        }

        public String dataAsString() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /**
     * Polls {@code topic} from its beginning until {@code count} records match, or {@code timeout} passes; returns
     * those that matched (so fewer than {@code count} means they never came).
     */
    public static List<Published> await(String topic, Predicate<Published> match, int count, Duration timeout) {
        var found = new ArrayList<Published>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    var p = toPublished(r);
                    if (match.test(p)) {
                        found.add(p);
                    }
                }
            }
        }
        return found;
    }

    /** Everything on {@code topic} that matches, reading until the topic has been quiet for {@code quiet}. */
    public static List<Published> all(String topic, Predicate<Published> match, Duration quiet) {
        return all(List.of(topic), match, quiet);
    }

    /**
     * Every event the service under test wrote with record key {@code key} to any of {@code topics}: once its outbox
     * holds none of them unpublished (the relay deletes a row when the broker has it; fails after 30 s), what is on
     * the topics. What a test that asserts "nothing was written" compares before and after, and one that counts
     * events counts.
     */
    public static List<Published> written(UUID key, String... topics) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (Rows.count("select count(*) from outbox where published_at is null and record_key = '" + key + "'")
                    > 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the outbox still holds unpublished events of " + key);
                }
                Thread.sleep(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return all(List.of(topics), p -> key.toString().equals(p.key()), Duration.ofSeconds(1));
    }

    private static List<Published> all(List<String> topics, Predicate<Published> match, Duration quiet) {
        var found = new ArrayList<Published>();
        try (var consumer = consumer()) {
            consumer.subscribe(topics);
            long lastSeen = System.nanoTime();
            long giveUp = lastSeen + Duration.ofSeconds(60).toNanos(); // bounded even if the broker never answers
            boolean assigned = false;
            while ((!assigned || System.nanoTime() - lastSeen < quiet.toNanos()) && System.nanoTime() < giveUp) {
                var records = consumer.poll(Duration.ofMillis(200));
                assigned = assigned || !consumer.assignment().isEmpty();
                if (!records.isEmpty()) {
                    lastSeen = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    var p = toPublished(r);
                    if (match.test(p)) {
                        found.add(p);
                    }
                }
            }
        }
        return found;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaBrokerResource.broker().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static Published toPublished(ConsumerRecord<String, byte[]> r) {
        var ce = new HashMap<String, String>();
        var all = new HashMap<String, String>();
        for (Header h : r.headers()) {
            all.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            if (h.key().startsWith("ce_")) {
                ce.put(h.key().substring(3), new String(h.value(), StandardCharsets.UTF_8));
            } else if (h.key().equals("content-type")) {
                ce.put("datacontenttype", new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return new Published(r.topic(), r.partition(), r.key(), Map.copyOf(ce), all, r.value());
    }

    private PublishedRecords() {}
}
