package dev.goalcoach.kit.outbox;

import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.EventType;
import dev.goalcoach.kit.tracing.EventTraces;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Appends domain events to the outbox table inside the caller's reactive transaction: the event exists exactly
 * when the change it describes was committed. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    /**
     * The columns an event is written with, in this order, by {@link #append}, by a service's own statement that
     * writes its change and its event at once (goal-service's check-in), and read by {@link OutboxRelay}.
     */
    public static final String COLUMNS =
            "event_id, topic, record_key, event_type, subject, event_time, data, traceparent";

    private static final String INSERT = "insert into outbox (" + COLUMNS + ")"
            + " values (:eventId, :topic, :key, :type, :subject, :time, :data, :traceparent)";

    /**
     * Writes one event, with the trace current now (the request's, or the event's being applied). Must run inside a
     * transaction ({@code @WithTransaction} or {@code Panache.withTransaction}).
     *
     * @param memberId the member the event concerns: the Kafka record key and the CloudEvents subject
     * @param time the business time of the event
     * @return the event id (the consumers' dedupe key)
     */
    public <T> Uni<UUID> append(EventType<T> type, UUID memberId, T payload, Instant time) {
        UUID eventId = UUID.randomUUID();
        String data;
        try {
            data = checkedData(type, payload);
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("eventId", eventId)
                        .setParameter("topic", type.topic())
                        .setParameter("key", memberId.toString())
                        .setParameter("type", type.type())
                        .setParameter("subject", memberId.toString())
                        .setParameter("time", time)
                        .setParameter("data", data)
                        .setParameter("traceparent", EventTraces.current())
                        .executeUpdate())
                .replaceWith(eventId);
    }

    /**
     * {@code payload} as an outbox row's data, checked against its schema here, where a bug can still fail its own
     * request, not only by consumers that would dead-letter it (for a service writing the row by SQL of its own).
     *
     * @throws IllegalStateException when the data breaks its schema
     */
    public static <T> String checkedData(EventType<T> type, T payload) {
        byte[] json = EventJson.write(payload);
        var problems = EventSchemas.problems(type, json);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(type.type() + " breaks its own schema: " + problems);
        }
        return new String(json, StandardCharsets.UTF_8);
    }

    /**
     * Erasure: the member's events already published leave the outbox now rather than at the end of their retention
     * (they may carry what the member wrote). Unpublished ones stay, to be published: {@code member.deleted} among
     * them. In the caller's transaction.
     */
    public Uni<Void> forgetPublished(UUID memberId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "delete from outbox where record_key = :key and published_at is not null")
                        .setParameter("key", memberId.toString())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
