package dev.goalcoach.mentor.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goalcoach.kit.ai.Grounding;
import dev.goalcoach.mentor.MenteeFacts;
import dev.goalcoach.mentor.api.MentorDtos.Patient;
import dev.goalcoach.mentor.offline.OfflineCopilot;
import dev.goalcoach.testkit.Evaluation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The copilot's evaluation set (src/test/resources/eval/copilot-set.json): a mentor with several mentees (steady,
 * slipping, recovering, one with no figures yet, one whose services did not answer) and their roster; questions
 * about one mentee or the roster with their paraphrases, the facts each answer must state and the claims it must not
 * make. Every answer is also held to the grounding guard against the data a model would be given
 * ({@link MenteeFacts#asData}, {@link CopilotService#rosterData}). Report: {@code target/eval/copilot-offline.md}.
 */
@Tag("unit")
class CopilotEvaluationTest {

    @Test
    void theOfflineCopilotStatesEveryFactAndInventsNothing() {
        JsonNode set = Evaluation.read("eval/copilot-set.json");
        var facts = new LinkedHashMap<String, MenteeFacts>();
        set.path("mentees").fields().forEachRemaining(e -> facts.put(e.getKey(), facts(e.getValue())));
        var roster = roster(set.path("mentees"));
        String rosterData = CopilotService.rosterData(roster, "analytics-service");
        int atRisk = (int) roster.stream()
                .filter(p -> p.riskLevel() != null && !"LOW".equals(p.riskLevel()))
                .count();

        var copilot = new OfflineCopilot();
        var evaluation = new Evaluation();
        for (JsonNode c : set.path("cases")) {
            evaluation.startCase();
            String name = c.path("mentee").isNull() ? null : c.path("mentee").asText();
            var f = name == null ? null : facts.get(name);
            assertThat(name == null || f != null)
                    .as("mentee of %s", c.path("id").asText())
                    .isTrue();
            for (JsonNode q : c.path("q")) {
                String answer = f == null
                        ? copilot.answerRoster(q.asText(), roster, "analytics-service")
                        : copilot.answer(q.asText(), name, f);
                var verdict = f == null
                        ? Grounding.check(answer, rosterData, List.of(), List.of(roster.size(), atRisk))
                        : Grounding.check(answer, f.asData(), f.titles(), counts(f));
                evaluation.check(
                        c,
                        q.asText(),
                        answer,
                        verdict.grounded() ? null : verdict.reason(),
                        verdict.numbers().size() + verdict.names().size());
            }
        }
        String summary = evaluation.summary("copilot evaluation (offline)");
        evaluation.report(Path.of("target", "eval", "copilot-offline.md"), summary);
        System.out.println(summary);
        assertThat(evaluation.questions()).isGreaterThanOrEqualTo(50);
        assertThat(evaluation.failed()).as(summary).isEmpty();
    }

    private static List<Integer> counts(MenteeFacts f) {
        var counts = new ArrayList<Integer>();
        counts.add(f.titles().size());
        if (f.openSuggestions() != null) {
            counts.add(f.openSuggestions());
        }
        return counts;
    }

    private static MenteeFacts facts(JsonNode m) {
        var sources = new LinkedHashMap<String, String>(Map.of(
                "metrics", "analytics-service",
                "series", "analytics-service",
                "journal", "goal-service",
                "goals", "goal-service",
                "suggestions", "goal-service"));
        m.path("sources")
                .fields()
                .forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asText()));
        boolean metrics = "analytics-service".equals(sources.get("metrics"));
        boolean series = "analytics-service".equals(sources.get("series"));
        boolean journal = "goal-service".equals(sources.get("journal")) && m.has("mood");
        var reasons = new ArrayList<String>();
        m.path("riskReasons").forEach(r -> reasons.add(r.asText()));
        var goals = new ArrayList<String>();
        m.path("goals").forEach(g -> goals.add(g.asText()));
        JsonNode mood = m.path("mood");
        var habits = new ArrayList<MenteeFacts.Habit>();
        m.path("habits")
                .forEach(h -> habits.add(
                        new MenteeFacts.Habit(h.get(0).asText(), h.get(1).asText())));
        return new MenteeFacts(
                sources,
                metrics ? decimal(m.path("adherence7")) : null,
                metrics ? decimal(m.path("adherence30")) : null,
                metrics ? decimal(m.path("adherence90")) : null,
                metrics ? m.path("current").asInt() : null,
                metrics ? m.path("longest").asInt() : null,
                metrics ? "day" : null,
                metrics ? m.path("riskScore").asInt() : null,
                metrics ? m.path("riskLevel").asText() : null,
                reasons,
                series ? week(m.path("lastWeek")) : null,
                series ? week(m.path("weekBefore")) : null,
                journal
                        ? new MenteeFacts.Mood(
                                mood.get(0).asInt(),
                                mood.get(1).isNull() ? null : mood.get(1).decimalValue(),
                                mood.get(2).asInt(),
                                mood.get(3).asInt())
                        : null,
                goals,
                m.path("suggestions").asInt(),
                habits);
    }

    /** The roster as the mentor's dashboard lists it, riskiest first, those without figures last. */
    private static List<Patient> roster(JsonNode mentees) {
        var patients = new ArrayList<Patient>();
        mentees.fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            boolean metrics = !m.has("sources") || !m.path("sources").has("metrics");
            patients.add(new Patient(
                    UUID.nameUUIDFromBytes(e.getKey().getBytes()),
                    e.getKey(),
                    metrics ? m.path("riskScore").asInt() : null,
                    metrics ? m.path("riskLevel").asText() : null,
                    metrics ? decimal(m.path("adherence7")) : null,
                    metrics ? decimal(m.path("adherence30")) : null,
                    metrics ? m.path("current").asInt() : null,
                    List.of(),
                    0));
        });
        patients.sort(Comparator.comparing(Patient::riskScore, Comparator.nullsLast(Comparator.reverseOrder())));
        return patients;
    }

    private static MenteeFacts.Week week(JsonNode pair) {
        return new MenteeFacts.Week(pair.get(0).asInt(), pair.get(1).asInt());
    }

    private static BigDecimal decimal(JsonNode n) {
        return n.isNumber() ? n.decimalValue() : null;
    }
}
