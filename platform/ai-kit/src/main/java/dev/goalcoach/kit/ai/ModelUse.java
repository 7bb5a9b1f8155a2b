package dev.goalcoach.kit.ai;

import java.time.Instant;
import java.util.UUID;

/**
 * One call to the model, for the usage ledger: for whom (null for work that is no one member's), why, which
 * model, the tokens it cost, how long it took and how it ended ({@code OK}, {@code RATE_LIMITED},
 * {@code SERVER_ERROR}, {@code TIMEOUT}, {@code REFUSED}, {@code CIRCUIT_OPEN}, {@code FAILED}).
 */
public record ModelUse(
        UUID memberId,
        String purpose,
        String provider,
        String model,
        int inputTokens,
        int outputTokens,
        long latencyMs,
        String outcome,
        Instant at) {}
