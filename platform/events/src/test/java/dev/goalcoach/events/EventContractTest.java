package dev.goalcoach.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("unit")
class EventContractTest {

    private static final Instant T = Instant.parse("2026-03-29T01:30:00Z");

    /** A realistic instance of every payload record in the catalog. */
    static final Map<Class<?>, Supplier<Object>> SAMPLES = Map.ofEntries(
            Map.entry(MemberSnapshot.class, (Supplier<Object>) () -> new MemberSnapshot(
                    UUID.randomUUID(), "Ana", "MEMBER", "Pacific/Auckland", UUID.randomUUID(), null, 3, T, T)),
            Map.entry(MemberContact.class, (Supplier<Object>)
                    () -> new MemberContact(UUID.randomUUID(), "ana@example.org", true, 4, T)),
            Map.entry(MemberDeleted.class, (Supplier<Object>) () -> new MemberDeleted(UUID.randomUUID(), 4, T)),
            Map.entry(GroupSnapshot.class, (Supplier<Object>)
                    () -> new GroupSnapshot(UUID.randomUUID(), "Morning runners", UUID.randomUUID(), 1, T)),
            Map.entry(CheckinRecorded.class, (Supplier<Object>) () -> new CheckinRecorded(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    LocalDate.of(2026, 3, 29),
                    "DONE",
                    new BigDecimal("5.5"),
                    1,
                    T)),
            Map.entry(CheckinRetracted.class, (Supplier<Object>) () -> new CheckinRetracted(
                    UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), LocalDate.of(2026, 3, 29), 2, T)),
            Map.entry(GoalSnapshot.class, (Supplier<Object>) () -> new GoalSnapshot(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "Run a 10k",
                    "Without walking breaks",
                    "FITNESS",
                    120,
                    List.of("SUNDAY"),
                    LocalDate.of(2026, 6, 1),
                    "ACTIVE",
                    "MANUAL",
                    List.of(new GoalSnapshot.Subgoal(UUID.randomUUID(), 0, "Run 5k", LocalDate.of(2026, 4, 1), false)),
                    List.of(new GoalSnapshot.Habit(
                            UUID.randomUUID(),
                            "Run",
                            "TIMES_PER_WEEK",
                            null,
                            3,
                            null,
                            LocalDate.of(2026, 3, 2),
                            new BigDecimal("40"),
                            "minutes",
                            "AT_LEAST",
                            List.of("07:00"),
                            true)),
                    1,
                    T)),
            Map.entry(GoalDeleted.class, (Supplier<Object>)
                    () -> new GoalDeleted(UUID.randomUUID(), UUID.randomUUID(), 2, T)),
            Map.entry(JournalWritten.class, (Supplier<Object>)
                    () -> JournalWritten.of(UUID.randomUUID(), UUID.randomUUID(), 14, 3, false, 1, T)),
            Map.entry(JournalDeleted.class, (Supplier<Object>)
                    () -> new JournalDeleted(UUID.randomUUID(), UUID.randomUUID(), 2, T)),
            Map.entry(JournalAnalyzed.class, (Supplier<Object>) () -> new JournalAnalyzed(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    1,
                    -0.4,
                    "NEGATIVE",
                    List.of("tired"),
                    "offline",
                    "lexicon-v1",
                    T)),
            Map.entry(PlanGenerated.class, (Supplier<Object>) () -> new PlanGenerated(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "READY",
                    "gemini",
                    "gemini-2.5-flash",
                    "Three short runs fit 120 minutes a week",
                    List.of(new PlanGenerated.PlannedSubgoal("Run 5k", LocalDate.of(2026, 4, 1))),
                    List.of(new PlanGenerated.PlannedHabit(
                            "Run",
                            "WEEKDAYS",
                            List.of("MONDAY", "THURSDAY"),
                            null,
                            null,
                            null,
                            new BigDecimal("40"),
                            "minutes",
                            "AT_LEAST",
                            List.of("07:00"))),
                    T)),
            Map.entry(SuggestionProposed.class, (Supplier<Object>) () -> new SuggestionProposed(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "CHANGE_TARGET",
                    UUID.randomUUID(),
                    null,
                    new BigDecimal("25"),
                    "You beat 30 minutes five weeks running",
                    "offline",
                    "rules-v1",
                    T)),
            Map.entry(SuggestionDecided.class, (Supplier<Object>) () -> new SuggestionDecided(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "ACCEPTED",
                    UUID.randomUUID(),
                    "MENTOR",
                    null,
                    T)),
            Map.entry(MentorInteracted.class, (Supplier<Object>) () -> new MentorInteracted(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "copilot",
                    "ALLOWED",
                    "gemini",
                    "gemini-2.5-flash",
                    150,
                    List.of("goals", "metrics"),
                    T)),
            Map.entry(RiskChanged.class, (Supplier<Object>) () -> new RiskChanged(
                    UUID.randomUUID(),
                    "MEDIUM",
                    "HIGH",
                    65,
                    List.of(
                            new RiskChanged.Reason("NO_RECENT_CHECKIN", 40, "no check-in for 8 days"),
                            new RiskChanged.Reason("LOW_ADHERENCE", 25, "7-day adherence 14%")),
                    LocalDate.of(2026, 3, 29),
                    T)),
            Map.entry(WarehouseBatchCommitted.class, (Supplier<Object>) () -> new WarehouseBatchCommitted(
                    UUID.randomUUID(),
                    List.of(UUID.randomUUID(), UUID.randomUUID()),
                    120,
                    T,
                    T.plusSeconds(1),
                    List.of(
                            new WarehouseBatchCommitted.FactsOnly(UUID.randomUUID(), LocalDate.of(2026, 3, 29)),
                            new WarehouseBatchCommitted.FactsOnly(UUID.randomUUID(), null)))));

    static Iterable<EventType<?>> catalog() {
        return EventCatalog.ALL;
    }

    @ParameterizedTest
    @MethodSource("catalog")
    void everyRecordWrittenAsJsonSatisfiesItsSchema(EventType<?> type) {
        var sample = SAMPLES.get(type.payloadType());
        assertThat(sample).as("a sample for " + type.payloadType()).isNotNull();

        byte[] json = EventJson.write(sample.get());

        assertThat(EventSchemas.problems(type, json)).isEmpty();
        assertThat(EventJson.read(json, type.payloadType())).isEqualTo(EventJson.read(json, type.payloadType()));
    }

    @ParameterizedTest
    @MethodSource("catalog")
    void schemaRejectsDataMissingARequiredFieldOrCarryingAnUnknownOne(EventType<?> type) throws Exception {
        var tree = (ObjectNode) EventJson.mapper()
                .readTree(EventJson.write(SAMPLES.get(type.payloadType()).get()));
        var missing = tree.deepCopy();
        missing.remove(missing.fieldNames().next());
        var extra = tree.deepCopy();
        // an address where none belongs (member.contact.changed is the one type that carries one: a password then)
        extra.put(tree.has("email") ? "password" : "email", "someone@example.org");

        assertThat(EventSchemas.problems(type, missing)).isNotEmpty();
        assertThat(EventSchemas.problems(type, extra)).isNotEmpty();
    }

    @Test
    void roundTripKeepsEveryField() {
        var snapshot = (MemberSnapshot) SAMPLES.get(MemberSnapshot.class).get();
        assertThat(EventJson.read(EventJson.write(snapshot), MemberSnapshot.class))
                .isEqualTo(snapshot);
    }

    @Test
    void wrongValuesAreRejected() throws Exception {
        var tree = (ObjectNode) EventJson.mapper()
                .readTree(EventJson.write(SAMPLES.get(MemberSnapshot.class).get()));
        tree.put("role", "OWNER");
        assertThat(EventSchemas.problems(EventCatalog.MEMBER_UPDATED, tree)).anyMatch(p -> p.contains("role"));
        assertThat(EventSchemas.problems(EventCatalog.MEMBER_UPDATED, "{not json".getBytes()))
                .isNotEmpty();
    }

    @Test
    void datesAreWrittenAsIsoDatesAndTimesAsInstants() throws Exception {
        var json = new String(EventJson.write(SAMPLES.get(CheckinRecorded.class).get()));
        assertThat(json).contains("\"localDate\":\"2026-03-29\"").contains("\"recordedAt\":\"2026-03-29T01:30:00Z\"");
        var tree = (ObjectNode) EventJson.mapper().readTree(json);
        tree.put("status", "DONE-ISH");
        assertThat(EventSchemas.problems(EventCatalog.CHECKIN_LOGGED, tree)).isNotEmpty();
    }

    @Test
    void aSuggestionMustCarryWhatItsKindNeeds() throws Exception {
        var tree = (ObjectNode) EventJson.mapper()
                .readTree(EventJson.write(SAMPLES.get(SuggestionProposed.class).get()));
        assertThat(EventSchemas.problems(EventCatalog.SUGGESTION_PROPOSED, tree))
                .isEmpty();
        tree.remove("targetValue");
        assertThat(EventSchemas.problems(EventCatalog.SUGGESTION_PROPOSED, tree))
                .isNotEmpty();
    }

    @Test
    void typesAreUniqueAndFindable() {
        assertThat(EventCatalog.ALL.stream().map(EventType::type).distinct()).hasSize(EventCatalog.ALL.size());
        assertThat(EventCatalog.byType("dev.goalcoach.member.deleted.v1")).contains(EventCatalog.MEMBER_DELETED);
        assertThat(EventCatalog.byType("dev.goalcoach.member.exploded.v1")).isEmpty();
        assertThat(EventCatalog.ALL).allSatisfy(t -> assertThat(Topics.ALL).contains(t.topic()));
    }
}
