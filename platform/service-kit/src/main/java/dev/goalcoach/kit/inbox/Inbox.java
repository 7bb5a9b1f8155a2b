package dev.goalcoach.kit.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The idempotent inbox: a consumer records each event id in the same transaction as the event's effect, and
 * applies the effect only the first time. A redelivered event then changes nothing.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD =
            "insert into processed_events (consumer, event_id) values (:consumer, :eventId)"
                    + " on conflict do nothing";

    /**
     * True when {@code consumer} has recorded {@code eventId} already: a consumer whose effect is slow to prepare (a
     * model call) asks first, and still records it with {@link #firstDelivery} in the effect's transaction.
     */
    public Uni<Boolean> seen(String consumer, UUID eventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from processed_events where consumer = :consumer and event_id = :eventId",
                                Long.class)
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", eventId)
                        .getSingleResult())
                .map(n -> n > 0);
    }

    /** True the first time {@code consumer} sees {@code eventId}; false on every redelivery. Needs a transaction. */
    public Uni<Boolean> firstDelivery(String consumer, UUID eventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
