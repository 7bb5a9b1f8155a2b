package dev.goalcoach.testkit;

import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Puts records on the real test broker the way a GoalCoach producer would, or broken in chosen ways. */
public final class TestPublisher {

    /** Publishes {@code payload} as a CloudEvent of {@code type} with the given id, keyed by {@code memberId}. */
    public static <T> void publish(EventType<T> type, UUID memberId, UUID eventId, T payload) {
        publishRaw(type.topic(), memberId.toString(), type.type(), eventId, EventJson.write(payload));
    }

    /** Publishes arbitrary bytes with CloudEvents headers ({@code type} null: no CloudEvents headers at all). */
    public static void publishRaw(String topic, String key, String type, UUID eventId, byte[] data) {
        send(List.of(rawRecord(topic, key, type, eventId, data)));
    }

    /** A CloudEvent of {@code type} with the given id, keyed by {@code memberId}, to send with others. */
    public static <T> ProducerRecord<String, byte[]> record(EventType<T> type, UUID memberId, UUID eventId, T payload) {
        return rawRecord(type.topic(), memberId.toString(), type.type(), eventId, EventJson.write(payload));
    }

    /** A record with CloudEvents headers around arbitrary bytes ({@code type} null: no headers at all). */
    public static ProducerRecord<String, byte[]> rawRecord(
            String topic, String key, String type, UUID eventId, byte[] data) {
        var headers = new RecordHeaders();
        if (type != null) {
            headers.add("ce_specversion", bytes("1.0"));
            headers.add("ce_id", bytes(eventId.toString()));
            headers.add("ce_source", bytes("/goalcoach/test"));
            headers.add("ce_type", bytes(type));
            headers.add("ce_subject", bytes(key));
            headers.add("ce_time", bytes(TestNow.instant().toString()));
            headers.add("content-type", bytes("application/json"));
        }
        return new ProducerRecord<>(topic, null, key, data, headers);
    }

    /** Sends the records in order with one producer and waits until the broker has them all. */
    public static void send(List<ProducerRecord<String, byte[]>> records) {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaBrokerResource.broker().bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                new ByteArraySerializer())) {
            var sent = new ArrayList<Future<?>>();
            for (var r : records) {
                sent.add(producer.send(r));
            }
            for (var f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + records.size() + " records", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private TestPublisher() {}
}
