package dev.goalcoach.kit.ai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * An answer for a member or mentor: without a model, the caller's offline rules'; with one, the model's answer that
 * its context grounds ({@link Grounding}): the first answer is checked; failing, the model is asked once more with its
 * answer and what was not in the context named; failing again — or failing, or answering nothing — the offline rules
 * answer and the answer says so ({@code fallback}, and what was not grounded). Counted in
 * {@code goalcoach_ai_grounding_total{purpose, outcome}} (grounded, repaired, replaced); every model call is a row of
 * the usage ledger. Blocking, through {@link ModelCalls} (timeouts, retries, circuit breaker).
 */
@ApplicationScoped
public class GroundedAnswers {

    private static final Logger LOG = Logger.getLogger(GroundedAnswers.class);

    /** What the model is sent and may state: the messages, the context among them, its titles and listed counts. */
    public record Prompt(
            List<ChatMessage> messages, String context, Collection<String> titles, Collection<Integer> counts) {}

    /**
     * The answer that goes out and what it cost. {@code fallback}: the offline rules answered for a model that failed,
     * answered nothing or was not grounded; {@code ungrounded}: what its answers stated that the context does not
     * hold (null otherwise).
     */
    public record Answer(
            String text,
            String provider,
            String model,
            int inputTokens,
            int outputTokens,
            long latencyMs,
            boolean fallback,
            String ungrounded) {}

    /**
     * {@code reply}: the grounded answer with the tokens of every ask (empty: none was grounded, or the model
     * answered nothing); {@code ungrounded}: what the last answer stated that the context does not hold (null when
     * grounded or when the model answered nothing).
     */
    public record Outcome(Optional<ModelCalls.Reply> reply, String ungrounded) {}

    private final AiModel model;
    private final ModelCalls calls;
    private final UsageLog ledger;
    private final MeterRegistry registry;

    public GroundedAnswers(AiModel model, ModelCalls calls, UsageLog ledger, MeterRegistry registry) {
        this.model = model;
        this.calls = calls;
        this.ledger = ledger;
        this.registry = registry;
    }

    /**
     * The answer for {@code memberId} (whose usage it is) asking for {@code purpose}: {@code prompt} is built only when
     * a model answers; {@code offline} gives the rules' answer, written by {@code offlineModel}.
     */
    public Answer answer(
            UUID memberId, String purpose, Supplier<Prompt> prompt, Supplier<String> offline, String offlineModel) {
        long started = System.nanoTime();
        if (!model.online()) {
            return new Answer(offline.get(), AiModel.OFFLINE, offlineModel, 0, 0, millisSince(started), false, null);
        }
        var attempts = new ModelCalls.Attempts(memberId, purpose);
        String ungrounded = null;
        try {
            var p = prompt.get();
            var outcome = ask(p.messages(), attempts, p.context(), p.titles(), p.counts());
            if (outcome.reply().isPresent()) {
                var reply = outcome.reply().get();
                return new Answer(
                        reply.text(),
                        model.provider(),
                        model.model(),
                        reply.inputTokens(),
                        reply.outputTokens(),
                        millisSince(started),
                        false,
                        null);
            }
            ungrounded = outcome.ungrounded();
            LOG.warnf(
                    "%s for %s: %s, the offline rules answer",
                    purpose,
                    memberId,
                    ungrounded == null
                            ? "the model answered nothing"
                            : "the model's answers were not grounded (" + ungrounded + ")");
        } catch (RuntimeException e) {
            LOG.warnf("%s for %s: the model failed (%s), the offline rules answer", purpose, memberId, e.toString());
        } finally {
            ledger.record(attempts.uses());
        }
        return new Answer(offline.get(), AiModel.OFFLINE, offlineModel, 0, 0, millisSince(started), true, ungrounded);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * Asks with {@code messages} (the context among them, as {@code context}); {@code titles} and {@code counts}: the
     * titles and counts of listed items an answer may state.
     */
    public Outcome ask(
            List<ChatMessage> messages,
            ModelCalls.Attempts attempts,
            String context,
            Collection<String> titles,
            Collection<Integer> counts) {
        var asked = new ArrayList<>(messages);
        int input = 0;
        int output = 0;
        String ungrounded = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            var reply = ModelCalls.replyOf(
                    calls.chat(ChatRequest.builder().messages(asked).build(), attempts));
            if (reply.isEmpty()) {
                break;
            }
            input += reply.get().inputTokens();
            output += reply.get().outputTokens();
            var verdict = Grounding.check(reply.get().text(), context, titles, counts);
            if (verdict.grounded()) {
                count(attempts.purpose(), attempt == 0 ? "grounded" : "repaired");
                return new Outcome(Optional.of(new ModelCalls.Reply(reply.get().text(), input, output)), null);
            }
            ungrounded = verdict.reason();
            asked.add(AiMessage.from(reply.get().text()));
            asked.add(UserMessage.from(repair(ungrounded)));
        }
        if (ungrounded != null) {
            count(attempts.purpose(), "replaced");
        }
        return new Outcome(Optional.empty(), ungrounded);
    }

    /** What the model is told when its answer was not grounded ({@code reason}: {@link Grounding.Verdict#reason}). */
    public static String repair(String reason) {
        return "Your answer is not grounded in the data you were given: " + reason
                + ". Answer again, stating only numbers and habit or goal titles that the data holds.";
    }

    private void count(String purpose, String outcome) {
        registry.counter("goalcoach.ai.grounding", "purpose", purpose, "outcome", outcome)
                .increment();
    }
}
