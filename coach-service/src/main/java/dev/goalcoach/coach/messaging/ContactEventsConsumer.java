package dev.goalcoach.coach.messaging;

import dev.goalcoach.coach.repository.MemberContacts;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.messaging.ConsumerFailures;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Members' mail addresses from member-service ({@code goalcoach.contacts}), for the coaching's mail: the newest
 * revision kept, an erasure's (no address) removing it. An address arriving after the member's erasure (another
 * topic, so in no order with {@code member.deleted}) is not kept. Invalid records go to {@code goalcoach.dlq}.
 */
@ApplicationScoped
public class ContactEventsConsumer {

    private final MemberContacts contacts;
    private final MemberDirectory directory;

    public ContactEventsConsumer(MemberContacts contacts, MemberDirectory directory) {
        this.contacts = contacts;
        this.directory = directory;
    }

    @Incoming("contact-events")
    public Uni<Void> onContact(byte[] data, IncomingKafkaRecordMetadata<String, byte[]> record) {
        return ConsumerFailures.retryingTransient(record, () -> {
            var event = ReceivedEvent.of(record, data);
            if (!event.is(EventCatalog.MEMBER_CONTACT_CHANGED)) {
                return Uni.createFrom().voidItem();
            }
            var contact = event.data(EventCatalog.MEMBER_CONTACT_CHANGED);
            return Panache.withTransaction(() -> directory
                    .erased(contact.memberId())
                    .chain(erased ->
                            erased && contact.email() != null ? Uni.createFrom().voidItem() : contacts.apply(contact)));
        });
    }
}
