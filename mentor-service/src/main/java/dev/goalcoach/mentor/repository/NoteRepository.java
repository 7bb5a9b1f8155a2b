package dev.goalcoach.mentor.repository;

import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.mentor.MentorNote;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Mentor notes, in the session of the caller's transaction. */
@ApplicationScoped
public class NoteRepository {

    /** One page of notes, newest first, and how many there are. */
    public record Page(List<MentorNote> notes, long total) {}

    public Uni<MentorNote> find(UUID id) {
        return Panache.getSession().chain(s -> s.find(MentorNote.class, id));
    }

    public Uni<Void> persist(MentorNote n) {
        return Panache.getSession().chain(s -> s.persist(n));
    }

    /** Writes pending changes now, so that a changed note's new revision can be answered. */
    public Uni<Void> flush(MentorNote changed) {
        return Panache.getSession().chain(s -> s.flush());
    }

    public Uni<Void> remove(MentorNote n) {
        return Panache.getSession().chain(s -> s.remove(n));
    }

    /** Notes about {@code memberId}: by {@code mentorId}, or by anyone when it is null (an admin's view). */
    public Uni<Page> about(UUID memberId, UUID mentorId, int page, int size) {
        String where = "where memberId = :member" + (mentorId == null ? "" : " and mentorId = :mentor");
        return Panache.getSession().chain(s -> {
            var list = s.createSelectionQuery(
                            "from MentorNote " + where + " order by createdAt desc, id", MentorNote.class)
                    .setParameter("member", memberId);
            var count = s.createSelectionQuery("select count(*) from MentorNote " + where, Long.class)
                    .setParameter("member", memberId);
            if (mentorId != null) {
                list.setParameter("mentor", mentorId);
                count.setParameter("mentor", mentorId);
            }
            return list.setFirstResult(page * size)
                    .setMaxResults(size)
                    .getResultList()
                    .chain(notes -> {
                        var known = PageView.knownTotal(page, size, notes.size());
                        return known.isPresent()
                                ? Uni.createFrom().item(new Page(notes, known.getAsLong()))
                                : count.getSingleResult().map(total -> new Page(notes, total));
                    });
        });
    }
}
