package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.MentorNote;
import dev.goalcoach.mentor.api.MentorDtos.NoteRequest;
import dev.goalcoach.mentor.api.MentorDtos.NoteUpdate;
import dev.goalcoach.mentor.api.MentorDtos.NoteView;
import dev.goalcoach.mentor.repository.NoteRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * A mentor's private notes about their mentees. A note is its author's: written, edited and deleted by them while
 * the member is their mentee; an admin may read and delete any. The member never sees them.
 */
@ApplicationScoped
public class NoteService {

    static final String KIND = "notes";

    private final NoteRepository notes;
    private final MentorAccess access;
    private final Clock clock;

    public NoteService(NoteRepository notes, MentorAccess access, Clock clock) {
        this.notes = notes;
        this.access = access;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<NoteView> write(Caller caller, NoteRequest r) {
        if (!caller.isMentor()) {
            throw ProblemException.forbidden("notes are written by a member's mentor");
        }
        return access.mentee(caller, r.memberId(), KIND).chain(mentee -> {
            var n = new MentorNote();
            n.id = UUID.randomUUID();
            n.mentorId = caller.id();
            n.memberId = mentee.memberId();
            n.text = text(r.text());
            n.createdAt = clock.instant();
            n.updatedAt = n.createdAt;
            return notes.persist(n).map(v -> NoteView.of(n));
        });
    }

    /** The caller's notes about a mentee (an admin: everyone's), newest first. */
    @WithSession
    public Uni<PageView<NoteView>> about(Caller caller, UUID memberId, int page, int size) {
        return access.mentee(caller, memberId, KIND)
                .chain(mentee -> notes.about(memberId, caller.isAdmin() ? null : caller.id(), page, size))
                .map(found ->
                        new PageView<>(found.notes().stream().map(NoteView::of).toList(), page, size, found.total()));
    }

    @WithSession
    public Uni<NoteView> get(Caller caller, UUID id) {
        return readable(caller, id).map(NoteView::of);
    }

    @WithTransaction
    public Uni<NoteView> edit(Caller caller, UUID id, NoteUpdate r) {
        return readable(caller, id)
                .map(n -> {
                    if (!caller.is(n.mentorId)) {
                        throw ProblemException.forbidden("a note is edited by its author only");
                    }
                    String text = text(r.text());
                    if (!text.equals(n.text)) {
                        n.text = text;
                        n.updatedAt = clock.instant();
                    }
                    return n;
                })
                .call(notes::flush)
                .map(NoteView::of);
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return readable(caller, id).chain(notes::remove);
    }

    /** A note the caller may see: their own about a mentee they still mentor, or any for an admin; else 404. */
    private Uni<MentorNote> readable(Caller caller, UUID id) {
        return notes.find(id).chain(n -> {
            if (n == null || !(caller.isAdmin() || caller.is(n.mentorId))) {
                return Uni.createFrom().failure(ProblemException.notFound("note"));
            }
            return access.mentee(caller, n.memberId, KIND).replaceWith(n);
        });
    }

    private static String text(String raw) {
        String t = raw.strip();
        if (t.isEmpty()) {
            throw ProblemException.invalidField("text", "must not be blank");
        }
        return t;
    }
}
