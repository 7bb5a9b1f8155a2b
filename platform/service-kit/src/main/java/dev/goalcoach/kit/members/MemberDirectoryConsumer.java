package dev.goalcoach.kit.members;

import dev.goalcoach.kit.messaging.ConsumerFailures;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@link MemberDirectory} from {@code goalcoach.members}. A service turns it on with the build property
 * {@code goalcoach.member-directory.enabled=true}, adds {@code db/member-directory} to its Flyway locations, and
 * gets the channel configuration from the kit's defaults. A record that cannot be applied goes to
 * {@code goalcoach.dlq} with the reason, and the stream goes on.
 */
@ApplicationScoped
@IfBuildProperty(name = "goalcoach.member-directory.enabled", stringValue = "true")
public class MemberDirectoryConsumer {

    private final MemberDirectory directory;

    public MemberDirectoryConsumer(MemberDirectory directory) {
        this.directory = directory;
    }

    @Incoming("member-directory")
    public Uni<Void> onMemberEvent(byte[] data, IncomingKafkaRecordMetadata<String, byte[]> record) {
        return ConsumerFailures.retryingTransient(record, () -> directory.apply(ReceivedEvent.of(record, data)));
    }
}
