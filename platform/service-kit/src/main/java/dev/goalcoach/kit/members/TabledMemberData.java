package dev.goalcoach.kit.members;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * A service's {@link MemberData} whose erasure is exactly deleting the member's rows of the tables marked erased,
 * in the listed order (children first).
 */
public abstract class TabledMemberData implements MemberData, MemberErasure {

    private final List<MemberTable> tables;

    protected TabledMemberData(List<MemberTable> tables) {
        this.tables = List.copyOf(tables);
    }

    @Override
    public List<MemberTable> tables() {
        return tables;
    }

    @Override
    public Uni<Void> erase(UUID memberId) {
        return MemberData.erase(memberId, tables);
    }
}
