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

/**
 * A model's answer that its context grounds ({@link Grounding}), or none: the first answer is checked; failing, the
 * model is asked once more with its answer and what was not in the context named; failing again, the caller's
 * offline rules answer. Counted in {@code goalcoach_ai_grounding_total{purpose, outcome}} (grounded, repaired,
 * replaced). Blocking, through {@link ModelCalls} (timeouts, retries, circuit breaker): what it throws, this throws.
 */
@ApplicationScoped
public class GroundedAnswers {

    /**
     * {@code reply}: the grounded answer with the tokens of every ask (empty: none was grounded, or the model
     * answered nothing); {@code ungrounded}: what the last answer stated that the context does not hold (null when
     * grounded or when the model answered nothing).
     */
    public record Outcome(Optional<ModelCalls.Reply> reply, String ungrounded) {}

    private final ModelCalls calls;
    private final MeterRegistry registry;

    public GroundedAnswers(ModelCalls calls, MeterRegistry registry) {
        this.calls = calls;
        this.registry = registry;
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
