package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import dev.goalcoach.analytics.metrics.RiskChangesWritten;
import dev.goalcoach.events.EventCatalog;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.events.EventSchemas;
import dev.goalcoach.events.RiskChanged;
import dev.goalcoach.events.Topics;
import dev.goalcoach.testkit.ClockAt;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import dev.goalcoach.testkit.PublishedRecords;
import dev.goalcoach.testkit.PublishedRecords.Published;
import dev.goalcoach.testkit.Rows;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code analytics.risk.changed} through the real broker: a level that changes is announced once, with what it
 * changed from; one that holds is not; a change committed but not yet published (a stop between the two) is
 * published by the next drain, from the warehouse's outbox.
 */
@ClockAt(RiskChangesTest.AT)
@QuarkusTest
class RiskChangesTest {

    static final String AT = "2026-11-25T12:00:00Z";

    private static final Instant NOW = Instant.parse(AT);

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    private static final Facts FACTS = new Facts(AnalyticsApiTest::exec);

    @Inject
    Event<RiskChangesWritten> written;

    @Test
    void aHistoryThatSlipsToHighIsAnnouncedOnceAndALevelThatHoldsIsNot() throws Exception {
        var member = FACTS.member("UTC", UUID.randomUUID(), null);
        var habit = FACTS.dailyHabit(member, TODAY.minusDays(30));
        for (int i = 1; i <= 30; i++) {
            FACTS.log(habit, TODAY.minusDays(i).toString(), "DONE", null);
        }
        AnalyticsApiTest.notice(member); // every day done: LOW, the member's first level

        var first = changesOf(member, 1);
        assertThat(first)
                .extracting(RiskChanged::previousLevel, RiskChanged::level)
                .containsExactly(tuple(null, "LOW"));

        // the last eight days were not done after all (retracted): nothing for eight days, a week at 0 %
        for (int i = 1; i <= 8; i++) {
            FACTS.retract(habit, TODAY.minusDays(i).toString());
        }
        AnalyticsApiTest.notice(member);
        var changes = changesOf(member, 2);
        var high = changes.get(1);
        assertThat(high.previousLevel()).isEqualTo("LOW");
        assertThat(high.level()).isEqualTo("HIGH");
        assertThat(high.score()).isGreaterThanOrEqualTo(60);
        assertThat(high.asOf()).isEqualTo(TODAY);
        assertThat(high.reasons())
                .extracting(RiskChanged.Reason::code)
                .contains("NO_RECENT_CHECKIN", "LOW_ADHERENCE", "CONSECUTIVE_MISSES");
        assertThat(high.reasons().get(0).detail()).isEqualTo("no check-in for 9 days");

        // recomputed again at the same level: nothing announced, the outbox empty
        AnalyticsApiTest.notice(member);
        AnalyticsApiTest.notice(member);
        var all = PublishedRecords.all(Topics.ANALYTICS, r -> member.toString().equals(r.key()), Duration.ofSeconds(3));
        assertThat(all).hasSize(2);
        for (Published p : all) {
            assertThat(p.type()).isEqualTo(EventCatalog.RISK_CHANGED.type());
            assertThat(p.ce())
                    .containsEntry("subject", member.toString())
                    .containsEntry("source", "/goalcoach/analytics-service");
            assertThat(EventSchemas.problems(EventCatalog.RISK_CHANGED, p.data()))
                    .isEmpty();
        }
        assertThat(outboxRows(member)).isZero();
    }

    @Test
    void aChangeCommittedButNotPublishedIsPublishedByTheNextDrainUnderItsOwnId() throws Exception {
        var member = FACTS.member("UTC", UUID.randomUUID(), null);
        FACTS.dailyHabit(member, TODAY.minusDays(20)); // never logged: HIGH at once
        // the refresh commits and the service stops before publishing: what it leaves is an outbox row
        try (var c = ProxiedDatabaseResource.connect()) {
            WarehouseTestBase.ENGINE.refresh(c, NOW, List.of(member));
        }
        assertThat(outboxRows(member)).isEqualTo(1);

        // what the service does at start (and after any later commit): it drains the outbox
        written.fire(new RiskChangesWritten(-1));

        var published = PublishedRecords.await(
                Topics.ANALYTICS, r -> member.toString().equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        var change = EventJson.read(published.get(0).data(), RiskChanged.class);
        assertThat(change.previousLevel()).isNull();
        assertThat(change.level()).isEqualTo("HIGH");
        // the id is the row's: a re-send after a stop mid-drain carries the same one
        assertThat(published.get(0).ce().get("id"))
                .isEqualTo(UUID.nameUUIDFromBytes(
                                ("risk.changed|" + member + "|null|HIGH|" + TODAY + "|" + change.changedAt())
                                        .getBytes(StandardCharsets.UTF_8))
                        .toString());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(outboxRows(member)).isZero());
    }

    /**
     * Many changes at once (an admin's recompute of everyone announces each member's first level): published in
     * rounds, sent together a part at a time, each member's in the order they happened, and all taken off the
     * outbox once the broker has them.
     */
    @Test
    void manyChangesArePublishedEveryOneInEachMembersOrder() throws Exception {
        int members = 350; // two changes each: 700, more than a round (500) and many parts sent together
        var ids = new ArrayList<UUID>();
        var t = NOW.minusSeconds(3600);
        try (var c = ProxiedDatabaseResource.connect();
                var ps = c.prepareStatement("insert into analytics_outbox (member_id, previous_level, level, score,"
                        + " reasons, as_of, changed_at) values (?, ?, ?, ?, '[]', ?, ?)")) {
            for (int i = 0; i < members; i++) {
                var member = UUID.randomUUID();
                ids.add(member);
                for (int k = 0; k < 2; k++) {
                    ps.setObject(1, member);
                    ps.setString(2, k == 0 ? null : "LOW");
                    ps.setString(3, k == 0 ? "LOW" : "HIGH");
                    ps.setInt(4, k == 0 ? 10 : 70);
                    ps.setObject(5, TODAY);
                    // a member's two changes next to each other: sent in one part, in this order
                    ps.setObject(6, Timestamp.from(t.plusMillis(2L * i + k)));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        var wanted = new HashSet<>(ids.stream().map(UUID::toString).toList());

        written.fire(new RiskChangesWritten(2 * members));

        var published = PublishedRecords.await(
                Topics.ANALYTICS, r -> wanted.contains(r.key()), 2 * members, Duration.ofSeconds(60));
        assertThat(published).hasSize(2 * members);
        var byMember = new HashMap<String, List<String>>();
        for (var p : published) {
            byMember.computeIfAbsent(p.key(), k -> new ArrayList<>())
                    .add(EventJson.read(p.data(), RiskChanged.class).level());
        }
        assertThat(byMember).hasSize(members);
        assertThat(byMember.values()).allSatisfy(levels -> assertThat(levels).containsExactly("LOW", "HIGH"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var c = ProxiedDatabaseResource.connect()) {
                assertThat(Rows.count(c, "select count(*) from analytics_outbox where changed_at < '" + NOW + "'"))
                        .isZero();
            }
        });
    }

    /** The first {@code count} changes announced for {@code member}, oldest first (asserted to come). */
    private static List<RiskChanged> changesOf(UUID member, int count) {
        var records = PublishedRecords.await(
                Topics.ANALYTICS, r -> member.toString().equals(r.key()), count, Duration.ofSeconds(30));
        assertThat(records).as("changes announced for " + member).hasSize(count);
        return records.stream()
                .map(r -> EventJson.read(r.data(), RiskChanged.class))
                .toList();
    }

    private static long outboxRows(UUID member) throws SQLException {
        try (var c = ProxiedDatabaseResource.connect()) {
            return Rows.count(c, "select count(*) from analytics_outbox where member_id = '" + member + "'");
        }
    }
}
