package dev.goalcoach.member.repository;

import dev.goalcoach.member.Member;
import dev.goalcoach.member.MemberFilter;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<Member, UUID> {

    /** A filter over members; null fields do not filter. */
    public Uni<Member> findByEmail(String normalizedEmail) {
        return find("email", normalizedEmail).firstResult();
    }

    public Uni<List<Member>> list(MemberFilter filter, int page, int size) {
        var q = query(filter);
        return find(q.where(), Sort.by("createdAt").and("id"), q.params())
                .page(Page.of(page, size))
                .list();
    }

    public Uni<Long> count(MemberFilter filter) {
        var q = query(filter);
        return count(q.where(), q.params());
    }

    public Uni<List<Member>> menteesOf(UUID mentorId) {
        return list("mentorId", mentorId);
    }

    public Uni<List<Member>> inGroup(UUID groupId) {
        return list("groupId", groupId);
    }

    private record Query(String where, Parameters params) {}

    private static Query query(MemberFilter filter) {
        var clauses = new ArrayList<String>();
        var params = new Parameters();
        clauses.add("1 = 1");
        if (filter.role() != null) {
            clauses.add("role = :role");
            params.and("role", filter.role());
        }
        if (filter.mentorId() != null) {
            clauses.add("mentorId = :mentorId");
            params.and("mentorId", filter.mentorId());
        }
        if (filter.groupId() != null) {
            clauses.add("groupId = :groupId");
            params.and("groupId", filter.groupId());
        }
        return new Query(String.join(" and ", clauses), params);
    }
}
