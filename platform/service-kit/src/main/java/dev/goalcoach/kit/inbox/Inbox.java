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
