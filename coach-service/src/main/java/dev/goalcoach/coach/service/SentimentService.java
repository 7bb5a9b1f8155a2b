package dev.goalcoach.coach.service;

import dev.goalcoach.coach.ai.SentimentReader;
import dev.goalcoach.coach.client.JournalTexts;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.JournalAnalyzed;
import dev.goalcoach.events.JournalWritten;
import dev.goalcoach.kit.ai.MemberBudget;
import dev.goalcoach.kit.inbox.Inbox;
import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * Journal sentiment: each {@code journal.written} (a new entry or an edit) is read and answered with
 * {@code journal.analyzed} for that revision, once per event. The entry's text is fetched from goal-service, read
 * and forgotten: it is never on Kafka nor kept here (decisions/0012). Over the member's AI budget the lexicon reads it rather than the model.
 */
@ApplicationScoped
public class SentimentService {

    static final String CONSUMER = "journal-sentiment";

    private final SentimentReader reader;
    private final MemberBudget budget;
    private final Outbox outbox;
    private final Inbox inbox;
    private final Clock clock;
    private final Vertx vertx;
    private final MemberDirectory directory;
    private final JournalTexts texts;

    public SentimentService(
            SentimentReader reader,
            MemberBudget budget,
            Outbox outbox,
            Inbox inbox,
            Clock clock,
            Vertx vertx,
            MemberDirectory directory,
            JournalTexts texts) {
        this.texts = texts;
        this.reader = reader;
        this.budget = budget;
        this.outbox = outbox;
        this.inbox = inbox;
        this.clock = clock;
        this.vertx = vertx;
        this.directory = directory;
    }

    /**
     * Reads the entry's sentiment and publishes it, once per event. The text is fetched from goal-service for this
     * revision (the event does not carry it; an old record's text is not used): an entry deleted or edited since
     * is not analyzed (the newer revision has its own event). Not for an erased member: their text is not fetched
     * or sent to the model, and an analysis that finishes after their erasure is not stored or published.
     */
    public Uni<Void> analyze(UUID eventId, JournalWritten entry) {
        return Panache.withSession(() -> inbox.seen(CONSUMER, eventId)
                        .chain(seen -> seen ? Uni.createFrom().item(true) : directory.erased(entry.memberId())))
                .chain(skip -> skip
                        ? Uni.createFrom().voidItem()
                        : vertx.executeBlocking(Uni.createFrom()
                                        .item(() -> texts.of(entry.entryId(), entry.memberId(), entry.revision())
                                                .map(text -> reader.read(
                                                        entry.memberId(),
                                                        text,
                                                        entry.mood(),
                                                        budget.hasTokensLeft(entry.memberId())))))
                                .chain(read -> read.isPresent()
                                        ? publish(eventId, entry, read.get())
                                        : Uni.createFrom().voidItem()));
    }

    private Uni<Void> publish(UUID eventId, JournalWritten entry, SentimentReader.Read read) {
        var now = clock.instant();
        var data = new JournalAnalyzed(
                entry.entryId(),
                entry.memberId(),
                entry.revision(),
                read.sentiment().score(),
                read.sentiment().label(),
                read.sentiment().emotions(),
                read.provider(),
                read.model(),
                now);
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId)
                .chain(first -> first
                        ? directory.erased(entry.memberId())
                        : Uni.createFrom().item(true))
                .chain(skip -> skip
                        ? Uni.createFrom().voidItem()
                        : outbox.append(EventCatalog.JOURNAL_ANALYZED, entry.memberId(), data, now)
                                .replaceWithVoid()));
    }
}
