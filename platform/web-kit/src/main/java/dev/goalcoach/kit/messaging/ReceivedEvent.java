package dev.goalcoach.kit.messaging;

import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.EventType;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/**
 * A record from a GoalCoach topic, checked: CloudEvents headers present, a type in the catalog, data valid
 * against the type's schema. {@link #of} throws otherwise, and the consumer's failure strategy sends the record
 * to {@code goalcoach.dlq} with the reason.
 */
public record ReceivedEvent(UUID id, EventType<?> type, byte[] data) {

    public static ReceivedEvent of(IncomingKafkaRecordMetadata<String, byte[]> record, byte[] data) {
        return of(record.getHeaders(), data);
    }

    /** The same checks for a record read with a plain {@code KafkaConsumer}. */
    public static ReceivedEvent of(Headers headers, byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("no data (a tombstone or an empty record)");
        }
        UUID id;
        try {
            id = UUID.fromString(header(headers, "ce_id"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a CloudEvent: ce_id is not a UUID");
        }
        String typeName = header(headers, "ce_type");
        var type = EventCatalog.byType(typeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + typeName));
        var problems = EventSchemas.problems(type, data);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(typeName + " does not match its schema: " + problems);
        }
        return new ReceivedEvent(id, type, data);
    }

    public boolean is(EventType<?> other) {
        return type.equals(other);
    }

    public <T> T data(EventType<T> as) {
        return EventJson.read(data, as.payloadType());
    }

    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        if (h == null || h.value() == null) {
            throw new IllegalArgumentException("not a CloudEvent: no " + name + " header");
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
