package dev.goalcoach.kit.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The headers of a record sent to the dead-letter topic as it came: its own, and {@code dead-letter-reason},
 * {@code -topic}, {@code -partition}, {@code -offset} (the names SmallRye's dead-letter strategy uses) and, when
 * known, {@code -consumer}: every record on {@code goalcoach.dlq} reads alike.
 */
public final class DeadLetterHeaders {

    private static final Logger LOG = Logger.getLogger(DeadLetterHeaders.class);

    /**
     * The record as it came — its value, key and headers with the dead-letter ones — as a message for a consumer's
     * dead-letter channel (logged at WARN with where it came from and why).
     */
    public static Message<byte[]> message(ConsumerRecord<String, byte[]> record, String reason, String consumer) {
        LOG.warnf("%s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(), reason);
        return Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.key())
                        .withHeaders(of(record, reason, consumer))
                        .build());
    }

    public static Headers of(ConsumerRecord<?, ?> record, String reason, String consumer) {
        var headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", bytes(String.valueOf(reason)));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        if (consumer != null) {
            headers.add("dead-letter-consumer", bytes(consumer));
        }
        return headers;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private DeadLetterHeaders() {}
}
