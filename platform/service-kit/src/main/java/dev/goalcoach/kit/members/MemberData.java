package dev.goalcoach.kit.members;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * What a service keeps about a member, table by table: one list that its erasure deletes from and its export
 * reads, so that nothing erased can be missing from an export (bookkeeping and others' notes excepted, each
 * {@link MemberTable#erasedOnly said so}). A table added with a {@code member_id} and not listed here fails the
 * service's {@code ErasureTest} (the test kit's {@code MemberExports.declareEveryMemberTable}).
 */
public interface MemberData {

    List<MemberTable> tables();

    /** Deletes the member's rows of every erased table in turn, in the caller's transaction. */
    static Uni<Void> erase(UUID memberId, List<MemberTable> tables) {
        return MemberErasure.deleting(
                memberId,
                tables.stream()
                        .filter(MemberTable::erased)
                        .map(MemberTable::delete)
                        .toList());
    }
}
