package dev.goalcoach.kit.outbox;

import dev.goalcoach.kit.members.MemberErasure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** In every service with a member directory: on {@code member.deleted}, the member's published events go. */
@ApplicationScoped
public class OutboxErasure implements MemberErasure {

    private final Outbox outbox;

    public OutboxErasure(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> erase(UUID memberId) {
        return outbox.forgetPublished(memberId);
    }
}
