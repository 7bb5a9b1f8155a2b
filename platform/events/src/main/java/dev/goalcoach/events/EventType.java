package dev.goalcoach.events;

import java.util.Objects;

/**
 * One kind of domain event: its CloudEvents {@code type}, the topic it travels on, the record that is its
 * {@code data}, and the JSON Schema that data must satisfy.
 */
public record EventType<T>(String type, String topic, Class<T> payloadType) {

    private static final String PREFIX = "dev.goalcoach.";

    public EventType {
        Objects.requireNonNull(type);
        Objects.requireNonNull(topic);
        Objects.requireNonNull(payloadType);
        if (!type.startsWith(PREFIX) || !type.matches("[a-z0-9.\\-]+\\.v[0-9]+")) {
            throw new IllegalArgumentException(
                    "event type must look like dev.goalcoach.<thing>.<happened>.v<n>: " + type);
        }
    }

    /** Classpath location of this type's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + type + ".json";
    }
}
