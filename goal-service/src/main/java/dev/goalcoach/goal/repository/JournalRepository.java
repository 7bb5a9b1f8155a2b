package dev.goalcoach.goal.repository;

import dev.goalcoach.goal.JournalEntry;
import dev.goalcoach.kit.rest.PageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Journal entries, in the session of the caller's transaction. */
@ApplicationScoped
public class JournalRepository {

    /** One page of a member's entries, newest first, and how many they have. */
    public record Page(List<JournalEntry> entries, long total) {}

    public Uni<JournalEntry> find(UUID id) {
        return Panache.getSession().chain(s -> s.find(JournalEntry.class, id));
    }

    public Uni<Void> persist(JournalEntry e) {
        return Panache.getSession().chain(s -> s.persist(e));
    }

    public Uni<Void> remove(JournalEntry e) {
        return Panache.getSession().chain(s -> s.remove(e));
    }

    public Uni<Page> ofMember(UUID memberId, int page, int size) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery(
                                "from JournalEntry where memberId = :member order by createdAt desc, id",
                                JournalEntry.class)
                        .setParameter("member", memberId)
                        .setFirstResult(page * size)
                        .setMaxResults(size)
                        .getResultList()
                        .chain(list -> {
                            var known = PageView.knownTotal(page, size, list.size());
                            return known.isPresent()
                                    ? Uni.createFrom().item(new Page(list, known.getAsLong()))
                                    : s.createSelectionQuery(
                                                    "select count(*) from JournalEntry where memberId = :member",
                                                    Long.class)
                                            .setParameter("member", memberId)
                                            .getSingleResult()
                                            .map(total -> new Page(list, total));
                        }));
    }
}
