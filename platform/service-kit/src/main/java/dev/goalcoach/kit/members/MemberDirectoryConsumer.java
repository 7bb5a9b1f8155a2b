package dev.goalcoach.kit.members;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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
        return Uni.createFrom()
                .deferred(() ->
                        directory.apply(UUID.fromString(header(record, "ce_id")), header(record, "ce_type"), data));
    }

    private static String header(IncomingKafkaRecordMetadata<String, byte[]> record, String name) {
        var h = record.getHeaders().lastHeader(name);
        if (h == null) {
            throw new IllegalArgumentException("not a CloudEvent: no " + name + " header");
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
