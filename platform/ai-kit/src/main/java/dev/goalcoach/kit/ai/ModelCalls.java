package dev.goalcoach.kit.ai;

import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Every call to the model goes through here: a timeout, retries with exponential backoff on what may pass (429,
 * 5xx, a timeout), and a circuit breaker that stops calling a model that keeps failing. Its callers catch what
 * still fails and fall back to their offline rules. Blocking: call it from a worker thread. Each attempt is noted
 * in the caller's {@link Attempts}, for the usage ledger.
 */
@ApplicationScoped
public class ModelCalls {

    /** The attempts one logical call made (a retried call makes several). */
    public static final class Attempts {
        private final UUID memberId;
        private final String purpose;
        private final List<ModelUse> uses = new CopyOnWriteArrayList<>();

        public Attempts(UUID memberId, String purpose) {
            this.memberId = memberId;
            this.purpose = purpose;
        }

        public List<ModelUse> uses() {
            return List.copyOf(uses);
        }

        public String purpose() {
            return purpose;
        }

        void add(AiModel model, int in, int out, long started, String outcome, Instant at) {
            uses.add(new ModelUse(
                    memberId,
                    purpose,
                    model.provider(),
                    model.model(),
                    in,
                    out,
                    (System.nanoTime() - started) / 1_000_000,
                    outcome,
                    at));
        }
    }

    private final AiModel model;
    private final MeterRegistry registry;
    private final Clock clock;

    public ModelCalls(AiModel model, MeterRegistry registry, Clock clock) {
        this.model = model;
        this.registry = registry;
        this.clock = clock;
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 500, jitter = 200, maxDuration = 60_000, retryOn = RetriableException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 8_000)
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.5,
            delay = 30,
            delayUnit = ChronoUnit.SECONDS,
            failOn = RetriableException.class)
    public ChatResponse chat(ChatRequest request, Attempts attempts) {
        if (!model.online()) {
            throw new IllegalStateException("no model is configured: the offline rules answer");
        }
        long started = System.nanoTime();
        try {
            ChatResponse response = model.chatModel().chat(request);
            var usage = response.tokenUsage();
            int in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            int out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
            attempts.add(model, in, out, started, "OK", clock.instant());
            count(attempts.purpose, "OK", in + out);
            return response;
        } catch (RuntimeException e) {
            String outcome = outcome(e);
            attempts.add(model, 0, 0, started, outcome, clock.instant());
            count(attempts.purpose, outcome, 0);
            throw e;
        }
    }

    /** A model's text answer and what it cost. */
    public record Reply(String text, int inputTokens, int outputTokens) {}

    /** The text of {@code response} (stripped) with its token counts, or empty when the model answered nothing. */
    public static Optional<Reply> replyOf(ChatResponse response) {
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var usage = response.tokenUsage();
        return Optional.of(new Reply(
                text.strip(),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount()));
    }

    /** {@code goalcoach_ai_model_calls_total{purpose,outcome}} and {@code goalcoach_ai_model_tokens_total{purpose}}. */
    private void count(String purpose, String outcome, int tokens) {
        registry.counter("goalcoach.ai.model.calls", "purpose", purpose, "outcome", outcome)
                .increment();
        if (tokens > 0) {
            registry.counter("goalcoach.ai.model.tokens", "purpose", purpose).increment(tokens);
        }
    }

    private static String outcome(RuntimeException e) {
        if (e instanceof RateLimitException) {
            return "RATE_LIMITED";
        }
        if (e instanceof InternalServerException) {
            return "SERVER_ERROR";
        }
        if (e instanceof TimeoutException) {
            return "TIMEOUT";
        }
        return e instanceof RetriableException ? "FAILED" : "REFUSED";
    }
}
