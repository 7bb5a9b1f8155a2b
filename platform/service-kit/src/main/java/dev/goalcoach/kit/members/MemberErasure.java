package dev.goalcoach.kit.members;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * Implemented by a service that keeps member data: called when {@code member.deleted} arrives, inside the
 * transaction that records the event, so erasure and its inbox row commit together.
 */
public interface MemberErasure {

    Uni<Void> erase(UUID memberId);

    /** Runs each statement in turn with {@code :member} bound to the member, in the caller's transaction. */
    static Uni<Void> deleting(UUID memberId, List<String> statements) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sql : statements) {
            chain = chain.chain(() -> Panache.getSession()
                    .chain(s -> s.createNativeQuery(sql)
                            .setParameter("member", memberId)
                            .executeUpdate())
                    .replaceWithVoid());
        }
        return chain;
    }
}
