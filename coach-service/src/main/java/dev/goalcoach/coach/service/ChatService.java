package dev.goalcoach.coach.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.goalcoach.clock.MemberZone;
import dev.goalcoach.coach.ChatMessage;
import dev.goalcoach.coach.CoachContext;
import dev.goalcoach.coach.ai.ChatCoach;
import dev.goalcoach.coach.api.CoachDtos.ChatReply;
import dev.goalcoach.coach.api.CoachDtos.ChatRequest;
import dev.goalcoach.coach.api.CoachDtos.MessageView;
import dev.goalcoach.coach.repository.ChatHistory;
import dev.goalcoach.events.EventJson;
import dev.goalcoach.kit.ai.GroundedAnswers;
import dev.goalcoach.kit.ai.MemberBudget;
import dev.goalcoach.kit.members.MemberDirectory;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The accountability chat: a member's message in, the coach's reply out, both kept. The reply is grounded in the
 * member's context ({@link ContextBuilder}, with the caller's token) and counts against their AI budget. A
 * conversation is the member's own: nobody else reads it (404), an admin excepted.
 */
@ApplicationScoped
public class ChatService {

    static final int RECENT_TURNS = 6;

    private final ChatCoach coach;
    private final ContextBuilder context;
    private final MemberBudget budget;
    private final MemberDirectory directory;
    private final Clock clock;
    private final Vertx vertx;
    private final ChatHistory history;

    public ChatService(
            ChatCoach coach,
            ContextBuilder context,
            MemberBudget budget,
            MemberDirectory directory,
            Clock clock,
            Vertx vertx,
            ChatHistory history) {
        this.coach = coach;
        this.context = context;
        this.budget = budget;
        this.directory = directory;
        this.clock = clock;
        this.vertx = vertx;
        this.history = history;
    }

    public Uni<ChatReply> chat(Caller caller, String authorization, ChatRequest request) {
        String message = request.message().strip();
        if (message.isEmpty()) {
            throw ProblemException.invalidField("message", "must not be empty");
        }
        if (request.userId() != null && !caller.is(request.userId())) {
            throw ProblemException.notFound("member");
        }
        UUID member = caller.id();
        return Panache.withSession(() -> directory
                        .find(member)
                        .chain(entry -> recent(member)
                                .map(turns -> new Prepared(
                                        MemberZone.today(
                                                clock,
                                                entry.map(MemberDirectory.Entry::timezone)
                                                        .orElse(null)),
                                        turns))))
                .chain(prepared -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    budget.admit(member);
                    var ctx = context.forMember(member, prepared.today(), authorization);
                    var replied = coach.reply(member, message, ctx, prepared.turns());
                    var missing = ctx.sources().entrySet().stream()
                            .filter(e -> CoachContext.UNAVAILABLE.equals(e.getValue()))
                            .map(e -> e.getKey() + " unavailable")
                            .sorted()
                            .toList();
                    var reasons = new ArrayList<String>(missing);
                    if (replied.ungrounded() != null) {
                        reasons.add("the model's answer was not grounded in the context (" + replied.ungrounded()
                                + "): the offline coach answered");
                    }
                    return new Answered(ctx.sources(), reasons.isEmpty() ? null : String.join("; ", reasons), replied);
                })))
                .chain(answered ->
                        Panache.withTransaction(() -> directory.erased(member).chain(erased -> {
                            if (erased) { // erased while the coach was answering: nothing of theirs is kept
                                return Uni.createFrom().failure(ProblemException.notFound("member"));
                            }
                            return store(member, message, answered);
                        })));
    }

    private record Prepared(LocalDate today, List<ChatCoach.Turn> turns) {}

    /** {@code degraded}: why the answer is degraded (a part of the context missing, an ungrounded model answer). */
    private record Answered(Map<String, String> sources, String degraded, GroundedAnswers.Answer replied) {}

    private Uni<List<ChatCoach.Turn>> recent(UUID member) {
        return history.latest(member, RECENT_TURNS).map(rows -> {
            var turns = new ArrayList<ChatCoach.Turn>();
            rows.forEach(m -> turns.add(new ChatCoach.Turn("MEMBER".equals(m.role), m.text)));
            Collections.reverse(turns);
            return turns;
        });
    }

    private Uni<ChatReply> store(UUID member, String message, Answered a) {
        var now = clock.instant();
        var mine = new ChatMessage();
        mine.id = UUID.randomUUID();
        mine.memberId = member;
        mine.role = "MEMBER";
        mine.text = message;
        mine.createdAt = now;
        var reply = new ChatMessage();
        reply.id = UUID.randomUUID();
        reply.memberId = member;
        reply.role = "COACH";
        reply.text = a.replied().text();
        reply.provider = a.replied().provider();
        reply.model = a.replied().model();
        reply.contextUsed = json(a.sources());
        reply.inputTokens = a.replied().inputTokens();
        reply.outputTokens = a.replied().outputTokens();
        reply.latencyMs = a.replied().latencyMs();
        reply.createdAt = now.plusNanos(1000); // after the message it answers, in the history's order
        return history.persist(mine, reply)
                .map(v -> new ChatReply(
                        reply.id,
                        member,
                        reply.text,
                        reply.provider,
                        reply.model,
                        a.replied().fallback(),
                        a.degraded() != null,
                        a.degraded(),
                        a.sources(),
                        reply.inputTokens,
                        reply.outputTokens,
                        reply.latencyMs,
                        reply.createdAt));
    }

    /** A member's conversation, newest first: the member and admins only (anyone else 404). */
    public Uni<PageView<MessageView>> history(Caller caller, UUID member, int page, int size) {
        if (!caller.is(member) && !caller.isAdmin()) {
            return Uni.createFrom().failure(ProblemException.notFound("conversation"));
        }
        return Panache.withSession(() -> history.page(member, page, size)
                .map(found -> new PageView<>(
                        found.messages().stream().map(ChatService::view).toList(), page, size, found.total())));
    }

    private static MessageView view(ChatMessage m) {
        return new MessageView(m.id, m.role, m.text, m.provider, m.model, sources(m.contextUsed), m.createdAt);
    }

    private static String json(Map<String, String> sources) {
        try {
            return EventJson.mapper().writeValueAsString(sources);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> sources(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
