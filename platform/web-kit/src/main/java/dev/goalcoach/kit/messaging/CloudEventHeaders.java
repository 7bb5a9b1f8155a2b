package dev.goalcoach.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 in Kafka binary mode: the attributes as {@code ce_*} headers, the JSON data as the record value.
 * Every record a GoalCoach service publishes carries these (checked on the way in by {@link ReceivedEvent}).
 */
public final class CloudEventHeaders {

    /**
     * @param source {@code /goalcoach/<service>}
     * @param subject the member the event concerns, or null when it concerns no one member
     * @param time the business time of the event
     */
    public static RecordHeaders of(String id, String source, String type, String subject, Instant time) {
        var headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(id));
        headers.add("ce_source", bytes(source));
        headers.add("ce_type", bytes(type));
        if (subject != null) {
            headers.add("ce_subject", bytes(subject));
        }
        headers.add("ce_time", bytes(time.toString()));
        headers.add("content-type", bytes("application/json"));
        return headers;
    }

    /** The CloudEvents source of a service: {@code /goalcoach/<application name>}. */
    public static String source(String applicationName) {
        return "/goalcoach/" + applicationName;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private CloudEventHeaders() {}
}
