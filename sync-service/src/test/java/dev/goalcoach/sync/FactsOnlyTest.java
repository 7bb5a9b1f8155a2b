package dev.goalcoach.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.events.WarehouseBatchCommitted.FactsOnly;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.sync.loader.EventRows;
import dev.goalcoach.sync.warehouse.Batch;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch notice says whose changes were facts only (what analytics may step rather than recompute), with the
 * earliest check-in day changed: a member, goal or habit change anywhere in the batch makes the member's changes
 * more than facts.
 */
class FactsOnlyTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private static Batch load(Story... stories) {
        var batch = new Batch();
        for (Story story : stories) {
            for (var r : story.events) {
                EventRows.add(batch, ReceivedEvent.of(r.headers(), r.value()), NOW);
            }
        }
        return batch;
    }

    @Test
    void checkinsAreFactsWithTheirEarliestDay() {
        var checkins = new Story();
        checkins.checkin("c1", "h1", 5, "DONE", 1);
        checkins.checkin("c2", "h1", 3, "DONE", 1);
        checkins.checkin("c2", "h1", 3, "MISSED", 2); // a correction
        checkins.retract("c3", "h2", 4, 2);
        var journal = new Story();
        journal.journal("j2", 1, "a day");
        var reshaped = new Story();
        reshaped.checkin("c1", "h1", 5, "DONE", 1);
        reshaped.member(2, "Europe/Berlin"); // a new time zone: more than a fact

        var batch = load(checkins, journal, reshaped);

        assertThat(batch.members()).containsExactlyInAnyOrder(checkins.member, journal.member, reshaped.member);
        assertThat(batch.factsOnly())
                .containsExactlyInAnyOrder(
                        new FactsOnly(checkins.member, LocalDate.parse("2026-11-04")),
                        new FactsOnly(journal.member, null));
    }

    @Test
    void aWholeStoryWithGoalsIsNotFactsOnly() {
        assertThat(load(new Story().full()).factsOnly()).isEmpty();
        assertThat(load(new Story()).factsOnly()).isEqualTo(List.of());
    }
}
