package dev.goalcoach.mentor.service;

import dev.goalcoach.kit.ai.MemberBudget;
import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.mentor.MenteeFacts;
import dev.goalcoach.mentor.ai.Copilot;
import dev.goalcoach.mentor.api.MentorDtos.CopilotAnswer;
import dev.goalcoach.mentor.api.MentorDtos.CopilotQuestion;
import dev.goalcoach.mentor.api.MentorDtos.Patient;
import dev.goalcoach.mentor.api.MentorDtos.Roster;
import dev.goalcoach.mentor.offline.OfflineCopilot;
import dev.goalcoach.mentor.repository.InteractionLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The mentor's copilot: a question about one mentee (theirs: else 404, audited as refused) or about their whole
 * roster, answered from what the owning services give with the mentor's token (never invented: a missing part is
 * said), within the mentor's AI budget. Each question is an audit row with the answer, the model and the exact
 * context it was given.
 */
@ApplicationScoped
public class CopilotService {

    static final String KIND = "copilot";

    private final MentorAccess access;
    private final MenteeParts parts;
    private final RosterService roster;
    private final Copilot copilot;
    private final MemberBudget budget;
    private final InteractionLog audit;
    private final Vertx vertx;
    private final Clock clock;
    private final OfflineCopilot offline = new OfflineCopilot();

    public CopilotService(
            MentorAccess access,
            MenteeParts parts,
            RosterService roster,
            Copilot copilot,
            MemberBudget budget,
            InteractionLog audit,
            Vertx vertx,
            Clock clock) {
        this.access = access;
        this.parts = parts;
        this.roster = roster;
        this.copilot = copilot;
        this.budget = budget;
        this.audit = audit;
        this.vertx = vertx;
        this.clock = clock;
    }

    /**
     * What the copilot was given: the context as data, where each part came from, the titles and counts of listed
     * items an answer may state, the rules' answer.
     */
    private record Context(
            String data,
            Map<String, String> sources,
            List<String> titles,
            List<Integer> counts,
            String offlineAnswer) {}

    public Uni<CopilotAnswer> ask(Caller caller, CopilotQuestion q, String authorization) {
        UUID mentorId = q.mentorId() == null ? caller.id() : q.mentorId();
        MentorAccess.self(caller, mentorId);
        String question = q.message().strip();
        // the mentee is the mentor's (or the refusal is audited) before any budget is spent, and the budget is
        // checked before any other service is asked
        Uni<Context> context = q.patientId() == null
                ? vertx.executeBlocking(Uni.createFrom().item(() -> admit(caller)))
                        .chain(admitted -> roster.of(caller, mentorId, authorization))
                        .map(r -> aboutRoster(r, question))
                : Panache.withSession(() -> access.mentee(caller, q.patientId(), KIND))
                        .chain(mentee -> vertx.executeBlocking(Uni.createFrom()
                                .item(() -> aboutMentee(admit(caller), mentee, question, authorization))));
        return context.chain(ctx -> vertx.executeBlocking(Uni.createFrom()
                        .item(() -> copilot.answer(
                                caller.id(), question, ctx.data(), ctx.titles(), ctx.counts(), ctx::offlineAnswer)))
                .chain(a -> audit.recordCopilot(
                                caller.id(),
                                q.patientId(),
                                new InteractionLog.Asked(
                                        question,
                                        a.text(),
                                        a.provider(),
                                        a.model(),
                                        a.inputTokens() + a.outputTokens(),
                                        ctx.data()),
                                shownParts(ctx.sources()),
                                "asked; context: " + ctx.sources(),
                                clock.instant())
                        .replaceWith(new CopilotAnswer(
                                a.text(),
                                q.patientId(),
                                a.provider(),
                                a.model(),
                                a.fallback(),
                                degraded(ctx.sources(), a.ungrounded()) != null,
                                degraded(ctx.sources(), a.ungrounded()),
                                ctx.sources(),
                                a.inputTokens(),
                                a.outputTokens(),
                                a.latencyMs()))));
    }

    /** The roster as data for a model: each mentee's figures, riskiest first ({@code metrics}: their source). */
    static String rosterData(List<Patient> patients, String metrics) {
        var data = new StringBuilder("The mentor's mentees (data; figures from: ")
                .append(metrics)
                .append("), riskiest first:\n");
        int n = 0;
        for (var p : patients) {
            data.append("mentee ")
                    .append(++n)
                    .append(" ‹")
                    .append(p.displayName())
                    .append("›: risk ")
                    .append(p.riskLevel())
                    .append(" (")
                    .append(p.riskScore())
                    .append("/100), 7-day adherence ")
                    .append(MenteeFacts.pct(p.adherence7()))
                    .append(", 30-day ")
                    .append(MenteeFacts.pct(p.adherence30()))
                    .append(", streak ")
                    .append(p.currentStreak())
                    .append('\n');
        }
        return data.toString();
    }

    /** Why an answer is degraded (parts of the context unavailable, an ungrounded model answer), or null. */
    static String degraded(Map<String, String> sources, String ungrounded) {
        var reasons = new ArrayList<String>();
        sources.forEach((part, source) -> {
            if ("unavailable".equals(source)) {
                reasons.add(part + " unavailable");
            }
        });
        if (ungrounded != null) {
            reasons.add("the model's answer was not grounded in the data (" + ungrounded
                    + "): the offline copilot answered");
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /** The parts of the context that were there (not unavailable). */
    private static List<String> shownParts(Map<String, String> sources) {
        return sources.entrySet().stream()
                .filter(e -> !"unavailable".equals(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Blocking: one AI request of the caller's, or the 429 problem. */
    private boolean admit(Caller caller) {
        budget.admit(caller.id());
        return true;
    }

    /** Blocking: the mentee's parts, read into facts. */
    private Context aboutMentee(boolean admitted, MemberDirectory.Entry mentee, String question, String authorization) {
        var gathered = parts.of(mentee.memberId(), authorization);
        var sources = gathered.sources();
        ZoneId zone = mentee.timezone() == null ? ZoneId.of("UTC") : ZoneId.of(mentee.timezone());
        var facts = MenteeFacts.of(
                sources,
                gathered.metrics().value(),
                gathered.series().value(),
                gathered.journal().value(),
                gathered.goals().value(),
                gathered.suggestions().value(),
                LocalDate.ofInstant(clock.instant(), zone));
        var counts = new ArrayList<Integer>();
        counts.add(facts.titles().size());
        if (facts.openSuggestions() != null) {
            counts.add(facts.openSuggestions());
        }
        return new Context(
                facts.asData(), sources, facts.titles(), counts, offline.answer(question, mentee.displayName(), facts));
    }

    private Context aboutRoster(Roster r, String question) {
        var data = rosterData(r.patients(), r.metrics());
        var sources = new LinkedHashMap<String, String>();
        sources.put("roster", "member directory");
        sources.put("metrics", r.metrics());
        int atRisk = (int) r.patients().stream()
                .filter(p -> p.riskLevel() != null && !"LOW".equals(p.riskLevel()))
                .count();
        return new Context(
                data,
                sources,
                List.of(),
                List.of(r.patients().size(), atRisk),
                offline.answerRoster(question, r.patients(), r.metrics()));
    }
}
