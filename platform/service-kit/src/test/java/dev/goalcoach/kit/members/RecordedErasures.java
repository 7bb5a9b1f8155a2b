package dev.goalcoach.kit.members;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** The test application's erasure hook: it has no member data of its own, so it notes whom it was asked to erase. */
@ApplicationScoped
public class RecordedErasures implements MemberErasure {

    private final List<UUID> erased = new CopyOnWriteArrayList<>();

    List<UUID> erased() {
        return List.copyOf(erased);
    }

    @Override
    public Uni<Void> erase(UUID memberId) {
        erased.add(memberId);
        return Uni.createFrom().voidItem();
    }
}
