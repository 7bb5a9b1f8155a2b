package dev.goalcoach.coach.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.coach.CoachContext;
import dev.goalcoach.coach.CoachContext.CheckinFacts;
import dev.goalcoach.coach.CoachContext.GoalFacts;
import dev.goalcoach.coach.CoachContext.HabitFacts;
import dev.goalcoach.coach.CoachContext.HabitMetrics;
import dev.goalcoach.coach.offline.OfflineCoach;
import dev.goalcoach.kit.ai.Grounding;
import dev.goalcoach.testkit.Evaluation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The coach's evaluation set (src/test/resources/eval): constructed members (steady, slipping, recovering, new,
 * lapsed, one with measured habits — at most and at least a target —, one whose metrics cannot be reached, one
 * whose check-ins cannot), questions with their paraphrases, the facts each answer must state and the claims it
 * must not make. Every answer is also held to the grounding guard against the context a model would be given
 * ({@link ChatCoach#contextAsData}): the offline coach may not state a number or a title that context does not hold.
 * Run against the offline coach in the build; the report goes to {@code target/eval/coach-offline.md}.
 */
@Tag("unit")
class CoachEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOfflineCoachStatesEveryFactInventsNothingAndAcceptsNoFalsePremise() {
        var members = Evaluation.read("eval/coach-members.json");
        var cases = Evaluation.read("eval/coach-questions.json").path("cases");
        LocalDate today = LocalDate.parse(members.path("today").asText());
        var contexts = new HashMap<String, CoachContext>();
        members.path("members")
                .fields()
                .forEachRemaining(e -> contexts.put(e.getKey(), context(members.path("members"), e.getKey(), today)));

        var evaluation = new Evaluation();
        var coach = new OfflineCoach();
        for (JsonNode c : cases) {
            evaluation.startCase();
            var ctx = contexts.get(c.path("member").asText());
            assertThat(ctx).as("member of %s", c.path("id").asText()).isNotNull();
            for (JsonNode q : c.path("q")) {
                String answer = coach.reply(q.asText(), ctx);
                var verdict =
                        Grounding.check(answer, ChatCoach.contextAsData(ctx), ctx.titles(), ChatCoach.counts(ctx));
                evaluation.check(
                        c,
                        q.asText(),
                        answer,
                        verdict.grounded() ? null : verdict.reason(),
                        verdict.numbers().size() + verdict.names().size());
            }
        }
        String summary = evaluation.summary("coach evaluation (offline)");
        evaluation.report(Path.of("target", "eval", "coach-offline.md"), summary);
        System.out.println(summary);
        assertThat(cases.size()).isGreaterThanOrEqualTo(40);
        assertThat(evaluation.questions()).isGreaterThanOrEqualTo(50);
        assertThat(evaluation.failed()).as(summary).isEmpty();
    }

    /** A member of the set as the coach would see them on {@code today}. */
    static CoachContext context(JsonNode members, String name, LocalDate today) {
        JsonNode m = members.path(name);
        JsonNode like = m.has("like") ? members.path(m.path("like").asText()) : m;
        var sources = new LinkedHashMap<String, String>(
                Map.of("goals", "goal-service", "metrics", "analytics-service", "checkins", "goal-service"));
        like.path("sources")
                .fields()
                .forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asText()));
        m.path("sources")
                .fields()
                .forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asText()));
        var goals = new ArrayList<GoalFacts>();
        var checkins = new ArrayList<CheckinFacts>();
        var habitMetrics = new HashMap<UUID, HabitMetrics>();
        int n = 0;
        for (JsonNode g : like.path("goals")) {
            var habits = new ArrayList<HabitFacts>();
            for (JsonNode h : g.path("habits")) {
                // ids from the member and position: the same member reads the same on every run
                var id = UUID.nameUUIDFromBytes((name + "/" + n++).getBytes());
                List<DayOfWeek> days = null;
                if (h.has("weekdays")) {
                    days = new ArrayList<>();
                    for (JsonNode d : h.path("weekdays")) {
                        days.add(DayOfWeek.valueOf(d.asText()));
                    }
                }
                habits.add(new HabitFacts(
                        id,
                        h.path("title").asText(),
                        h.path("schedule").asText(),
                        days,
                        h.has("timesPerWeek") ? h.path("timesPerWeek").asInt() : null,
                        h.has("everyNDays") ? h.path("everyNDays").asInt() : null,
                        today.plusDays(h.path("start").asInt(-60)),
                        true,
                        h.has("target")
                                ? new CoachContext.Target(
                                        h.path("target").path("value").decimalValue(),
                                        h.path("target").path("unit").asText(),
                                        h.path("target").path("direction").asText())
                                : null));
                String record = h.path("days").asText();
                JsonNode values = h.path("values");
                for (int i = 0; i < record.length(); i++) {
                    var date = today.minusDays(CoachContext.CHECKIN_DAYS - i);
                    BigDecimal value = values.has(i) && values.get(i).isNumber()
                            ? values.get(i).decimalValue()
                            : null;
                    switch (record.charAt(i)) {
                        case 'D' -> checkins.add(new CheckinFacts(id, date, "DONE", value));
                        case 'S' -> checkins.add(new CheckinFacts(id, date, "SKIPPED", value));
                        default -> {}
                    }
                }
                if (h.has("strength")) {
                    habitMetrics.put(
                            id,
                            new HabitMetrics(
                                    decimal(h.path("adherence7")),
                                    h.path("streak").asInt(),
                                    "day",
                                    decimal(h.path("strength"))));
                }
            }
            goals.add(new GoalFacts(
                    UUID.nameUUIDFromBytes((name + "/goal/" + g.path("title").asText()).getBytes()),
                    g.path("title").asText(),
                    "ACTIVE",
                    "READY",
                    habits));
        }
        JsonNode mm = like.path("metrics");
        var reasons = new ArrayList<String>();
        mm.path("riskReasons").forEach(r -> reasons.add(r.asText()));
        CoachContext.Metrics metrics = mm.isObject()
                ? new CoachContext.Metrics(
                        today,
                        decimal(mm.path("adherence7")),
                        decimal(mm.path("adherence30")),
                        decimal(mm.path("adherence90")),
                        mm.path("current").asInt(),
                        mm.path("longest").asInt(),
                        "day",
                        mm.path("riskScore").asInt(),
                        mm.path("riskLevel").asText(),
                        reasons,
                        habitMetrics)
                : null;
        if (!"goal-service".equals(sources.get("checkins"))) {
            checkins.clear();
        }
        return new CoachContext(today, goals, metrics, checkins, sources);
    }

    private static BigDecimal decimal(JsonNode n) {
        return n.isNumber() ? n.decimalValue() : null;
    }
}
