package dev.goalcoach.goal.service;

import dev.goalcoach.events.JournalAnalyzed;
import dev.goalcoach.goal.JournalEntry;
import dev.goalcoach.goal.api.GoalDtos.JournalRequest;
import dev.goalcoach.goal.api.GoalDtos.JournalText;
import dev.goalcoach.goal.api.GoalDtos.JournalUpdate;
import dev.goalcoach.goal.api.GoalDtos.JournalView;
import dev.goalcoach.goal.api.GoalDtos.Sentiment;
import dev.goalcoach.goal.config.GoalConfig;
import dev.goalcoach.goal.messaging.GoalEvents;
import dev.goalcoach.goal.repository.JournalRepository;
import dev.goalcoach.kit.inbox.Inbox;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.AccessPolicy;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The journal. The text is the member's own: their mentor sees mood and sentiment, and the text only of entries
 * the member shared; anyone else sees nothing (404).
 */
@ApplicationScoped
public class JournalService {

    static final String ANALYSIS_CONSUMER = "journal-analysis";

    private final MemberAccess access;
    private final GoalEvents events;
    private final Inbox inbox;
    private final Clock clock;
    private final JournalRepository journal;
    private final GoalConfig config;

    public JournalService(
            MemberAccess access,
            GoalEvents events,
            Inbox inbox,
            Clock clock,
            JournalRepository journal,
            GoalConfig config) {
        this.journal = journal;
        this.config = config;
        this.access = access;
        this.events = events;
        this.inbox = inbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<JournalView> write(Caller caller, JournalRequest r) {
        return access.self(caller).chain(me -> {
            var e = new JournalEntry();
            e.id = UUID.randomUUID();
            e.memberId = caller.id();
            e.text = text(r.text());
            e.mood = r.mood();
            e.sharedWithMentor = Boolean.TRUE.equals(r.sharedWithMentor());
            e.revision = 1;
            e.createdAt = clock.instant();
            e.updatedAt = e.createdAt;
            return journal.persist(e).chain(() -> events.journalWritten(e)).map(v -> view(caller, e));
        });
    }

    @WithSession
    public Uni<JournalView> get(Caller caller, UUID id) {
        return readable(caller, id).map(e -> view(caller, e));
    }

    @WithSession
    public Uni<PageView<JournalView>> ofMember(Caller caller, UUID memberId, int page, int size) {
        return access.readable(caller, memberId, "member")
                .chain(owner -> journal.ofMember(memberId, page, size))
                .map(found -> new PageView<>(
                        found.entries().stream().map(e -> view(caller, e)).toList(), page, size, found.total()));
    }

    @WithTransaction
    public Uni<JournalView> edit(Caller caller, UUID id, JournalUpdate r) {
        return own(caller, id).chain(e -> {
            boolean changed = false;
            if (r.text() != null && !text(r.text()).equals(e.text)) {
                e.text = text(r.text());
                changed = true;
            }
            if (r.mood() != null && !r.mood().equals(e.mood)) {
                e.mood = r.mood();
                changed = true;
            }
            if (r.sharedWithMentor() != null && r.sharedWithMentor() != e.sharedWithMentor) {
                e.sharedWithMentor = r.sharedWithMentor();
                changed = true;
            }
            if (!changed) {
                return Uni.createFrom().item(view(caller, e));
            }
            e.revision++;
            e.updatedAt = clock.instant();
            return events.journalWritten(e).map(v -> view(caller, e));
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return own(caller, id)
                .chain(e -> events.journalDeleted(e, clock.instant()).chain(() -> journal.remove(e)));
    }

    /**
     * The text of entry {@code id} at {@code revision}, for the service client {@code client} if it may read journal
     * text: 404 when the entry is gone (deleted, its member erased) or has been edited since (its newer revision
     * will be asked for on its own event), so nothing reads a text its member has taken back.
     */
    @WithSession
    public Uni<JournalText> text(String client, UUID id, long revision) {
        if (!config.journalReaders().contains(client)) {
            return Uni.createFrom().failure(ProblemException.forbidden("this service may not read journal text"));
        }
        return journal.find(id).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("journal entry");
            }
            if (e.revision != revision) {
                throw new ProblemException(
                        404, "Not Found", "journal entry " + id + " is at revision " + e.revision + " now");
            }
            return new JournalText(e.id, e.memberId, e.revision, e.text);
        });
    }

    /** Stores coach-service's reading of an entry, once per event, unless the entry changed since. */
    public Uni<Void> analyzed(UUID eventId, JournalAnalyzed a) {
        return Panache.withTransaction(() -> inbox.firstDelivery(ANALYSIS_CONSUMER, eventId)
                .chain(first -> {
                    if (!first) {
                        return Uni.createFrom().voidItem();
                    }
                    return journal.find(a.entryId())
                            .invoke(e -> {
                                if (e == null || !e.memberId.equals(a.memberId()) || a.entryRevision() < e.revision) {
                                    return; // deleted, or rewritten since: a newer analysis will come
                                }
                                e.sentimentScore = BigDecimal.valueOf(a.score()).setScale(3, RoundingMode.HALF_UP);
                                e.sentimentLabel = a.label();
                                e.emotions = a.emotions().isEmpty() ? null : String.join(",", a.emotions());
                                e.sentimentModel = a.provider() + "/" + a.model();
                                e.sentimentRevision = a.entryRevision();
                            })
                            .replaceWithVoid();
                }));
    }

    private Uni<JournalEntry> readable(Caller caller, UUID id) {
        return journal.find(id).chain(e -> {
            if (e == null) {
                return Uni.createFrom().failure(ProblemException.notFound("journal entry"));
            }
            return access.readable(caller, e.memberId, "journal entry").replaceWith(e);
        });
    }

    private Uni<JournalEntry> own(Caller caller, UUID id) {
        return readable(caller, id).map(e -> {
            if (!AccessPolicy.mayWrite(caller, e.memberId)) {
                throw ProblemException.forbidden("a journal is written by its member only");
            }
            return e;
        });
    }

    /** What {@code caller} may see of the entry: a mentor gets the text of shared entries only. */
    static JournalView view(Caller caller, JournalEntry e) {
        boolean fullText = caller.is(e.memberId) || caller.isAdmin() || e.sharedWithMentor;
        Sentiment sentiment = e.sentimentLabel == null
                ? null
                : new Sentiment(
                        e.sentimentScore,
                        e.sentimentLabel,
                        e.emotions == null ? List.of() : Arrays.asList(e.emotions.split(",")),
                        e.sentimentModel);
        return new JournalView(
                e.id,
                e.memberId,
                fullText ? e.text : null,
                e.mood,
                e.sharedWithMentor,
                sentiment,
                e.createdAt,
                e.updatedAt);
    }

    private static String text(String raw) {
        String t = raw.strip();
        if (t.isEmpty()) {
            throw ProblemException.invalidField("text", "must not be blank");
        }
        return t;
    }
}
