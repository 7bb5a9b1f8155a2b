package dev.goalcoach.kit.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a record sent to the dead-letter topic as it came: its own, and {@code dead-letter-reason},
 * {@code -topic}, {@code -partition}, {@code -offset} (the names SmallRye's dead-letter strategy uses) and, when
 * known, {@code -consumer}: every record on {@code goalcoach.dlq} reads alike.
 */
public final class DeadLetterHeaders {

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
