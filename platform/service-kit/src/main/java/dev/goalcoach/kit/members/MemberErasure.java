package dev.goalcoach.kit.members;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Implemented by a service that keeps member data: called when {@code member.deleted} arrives, inside the
 * transaction that records the event, so erasure and its inbox row commit together.
 */
public interface MemberErasure {

    Uni<Void> erase(UUID memberId);
}
