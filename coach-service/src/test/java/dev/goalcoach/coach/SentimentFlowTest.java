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

/** journal.written in, journal.analyzed out on the real broker (offline lexicon), once per event, per revision. */
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

    @Test
    void eachWrittenRevisionIsAnalyzedOnce() {
        var member = UUID.randomUUID();
        var entry = UUID.randomUUID();
        var first = UUID.randomUUID();
        var written = new JournalWritten(
                entry, member, "Exhausted and anxious, I skipped my run.", 2, false, 1, TestNow.instant());
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
                new JournalWritten(
                        entry,
                        member,
                        "Actually a great day after all, proud of myself.",
                        4,
                        false,
                        2,
                        TestNow.instant()));
        var both = analysesOf(member, 2);
        assertThat(both).extracting(JournalAnalyzed::entryRevision).containsExactly(1L, 2L);
        assertThat(both.get(1).label()).isEqualTo("POSITIVE");
        assertThat(PublishedRecords.all(
                        Topics.COACH,
                        r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.JOURNAL_ANALYZED.type()),
                        Duration.ofSeconds(2)))
                .hasSize(2);
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
                new JournalWritten(
                        UUID.randomUUID(), member, "Exhausted and anxious.", 2, false, 1, TestNow.instant()));
        // a later entry of a live member goes through: the consumer did not stop at the erased one
        var alive = UUID.randomUUID();
        TestPublisher.publish(
                EventCatalog.JOURNAL_WRITTEN,
                alive,
                UUID.randomUUID(),
                new JournalWritten(UUID.randomUUID(), alive, "A great day.", 4, false, 1, TestNow.instant()));
        assertThat(analysesOf(alive, 1)).hasSize(1);
        assertThat(PublishedRecords.all(
                        Topics.COACH,
                        r -> r.key().equals(member.toString()) && r.type().equals(EventCatalog.JOURNAL_ANALYZED.type()),
                        Duration.ofSeconds(2)))
                .isEmpty();
    }
}
