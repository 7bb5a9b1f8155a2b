package dev.goalcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.coach.offline.SentimentLexicon;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.JournalAnalyzed;
import dev.goalcoach.events.JournalWritten;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.testkit.TestPublisher;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * journal.written in, journal.analyzed out on the real broker (offline lexicon), once per event, per revision; the
 * text fetched from goal-service's internal API ({@link UpstreamStub}) with coach-service's own token, never taken
 * from the event.
 */
@QuarkusTest
class SentimentFlowTest {

    private static List<JournalAnalyzed> analysesOf(UUID member, int count) {
        return PublishedRecords.await(
                        Topics.COACH,
                        r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.JOURNAL_ANALYZED.type()),
                        count,
                        Duration.ofSeconds(30))
                .stream()
                .peek(r -> assertThat(EventSchemas.problems(EventCatalog.JOURNAL_ANALYZED, r.data()))
                        .isEmpty())
                .map(r -> EventJson.read(r.data(), JournalAnalyzed.class))
                .toList();
    }

    private static List<?> noAnalysesOf(UUID member) {
        return PublishedRecords.all(
                Topics.COACH,
                r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.JOURNAL_ANALYZED.type()),
                Duration.ofSeconds(2));
    }

    @Test
    void eachWrittenRevisionIsAnalyzedOnce() {
        var member = UUID.randomUUID();
        var entry = UUID.randomUUID();
        var first = UUID.randomUUID();
        int tokensBefore = UpstreamStub.TOKENS_ISSUED.get();
        var written = UpstreamStub.written(entry, member, "Exhausted and anxious, I skipped my run.", 2, 1);
        TestPublisher.publish(EventCatalog.JOURNAL_WRITTEN, member, first, written);
        TestPublisher.publish(EventCatalog.JOURNAL_WRITTEN, member, first, written); // redelivered

        var analyzed = analysesOf(member, 1).get(0);
        assertThat(analyzed.entryId()).isEqualTo(entry);
        assertThat(analyzed.entryRevision()).isEqualTo(1);
        assertThat(analyzed.label()).isEqualTo("NEGATIVE");
        assertThat(analyzed.score()).isLessThan(0);
        assertThat(analyzed.emotions()).contains("fatigue", "anxiety");
        assertThat(analyzed.provider()).isEqualTo("offline");
        assertThat(analyzed.model()).isEqualTo(SentimentLexicon.MODEL);

        TestPublisher.publish(
                EventCatalog.JOURNAL_WRITTEN,
                member,
                UUID.randomUUID(),
                UpstreamStub.written(entry, member, "Actually a great day after all, proud of myself.", 4, 2));
        var both = analysesOf(member, 2);
        assertThat(both).extracting(JournalAnalyzed::entryRevision).containsExactly(1L, 2L);
        assertThat(both.get(1).label()).isEqualTo("POSITIVE");
        assertThat(noAnalysesOf(member)).hasSize(2);
        // one token for all of it (kept until it nears its end), not one per call
        assertThat(UpstreamStub.TOKENS_ISSUED.get() - tokensBefore).isLessThanOrEqualTo(1);
    }

    @Test
    void anEntryDeletedOrEditedSinceIsNotAnalyzedAndAnOldRecordsTextIsNotUsed() {
        var member = UUID.randomUUID();
        // deleted at goal-service before its event is read: nothing to read, nothing analyzed
        var gone = UUID.randomUUID();
        TestPublisher.publish(
                EventCatalog.JOURNAL_WRITTEN,
                member,
                UUID.randomUUID(),
                JournalWritten.of(gone, member, 20, 2, false, 1, TestNow.instant()));
        // edited since: revision 1's event finds revision 2 (which its own event will ask for)
        var edited = UUID.randomUUID();
        UpstreamStub.written(edited, member, "Second thoughts: a good day.", 4, 2);
        TestPublisher.publish(
                EventCatalog.JOURNAL_WRITTEN,
                member,
                UUID.randomUUID(),
                JournalWritten.of(edited, member, 10, 2, false, 1, TestNow.instant()));
        // a record of the old shape, published with its text: the text read is goal-service's, not the record's
        var old = UUID.randomUUID();
        UpstreamStub.written(old, member, "A great day, proud of myself.", 4, 1);
        TestPublisher.publish(
                EventCatalog.JOURNAL_WRITTEN,
                member,
                UUID.randomUUID(),
                new JournalWritten(old, member, "Exhausted and anxious, awful.", null, 4, false, 1, TestNow.instant()));

        var analyses = analysesOf(member, 1);
        assertThat(analyses).extracting(JournalAnalyzed::entryId).containsExactly(old);
        assertThat(analyses.get(0).label()).isEqualTo("POSITIVE");
        assertThat(noAnalysesOf(member)).hasSize(1);
    }

    @Test
    void whileGoalServiceIsDownTheEntryWaitsAndIsAnalyzedWhenItIsBack() throws Exception {
        var member = UUID.randomUUID();
        UpstreamStub.goalServiceDown = true;
        try {
            TestPublisher.publish(
                    EventCatalog.JOURNAL_WRITTEN,
                    member,
                    UUID.randomUUID(),
                    UpstreamStub.written(UUID.randomUUID(), member, "Exhausted and anxious.", 2, 1));
            assertThat(noAnalysesOf(member)).isEmpty();
        } finally {
            UpstreamStub.goalServiceDown = false;
        }
        assertThat(analysesOf(member, 1).get(0).label()).isEqualTo("NEGATIVE");
    }

    @Test
    void anErasedMembersEntryIsNotAnalyzed() {
        var member = DirectoryMembers.known("MEMBER", "UTC", null, null);
        DirectoryMembers.erased(member);
        // the entry was written before the erasure, and reaches coach-service after it (another topic)
        TestPublisher.publish(
                EventCatalog.JOURNAL_WRITTEN,
                member,
                UUID.randomUUID(),
                UpstreamStub.written(UUID.randomUUID(), member, "Exhausted and anxious.", 2, 1));
        // a later entry of a live member goes through: the consumer did not stop at the erased one
        var alive = UUID.randomUUID();
        TestPublisher.publish(
                EventCatalog.JOURNAL_WRITTEN,
                alive,
                UUID.randomUUID(),
                UpstreamStub.written(UUID.randomUUID(), alive, "A great day.", 4, 1));
        assertThat(analysesOf(alive, 1)).hasSize(1);
        assertThat(noAnalysesOf(member)).isEmpty();
    }
}
