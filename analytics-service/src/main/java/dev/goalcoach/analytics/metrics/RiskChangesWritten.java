package dev.goalcoach.analytics.metrics;

/**
 * A CDI event: a committed transaction wrote risk level changes to the warehouse's outbox ({@code rows}; -1 when
 * it may have and did not count them), for the publisher to drain now rather than ever polling for them.
 */
public record RiskChangesWritten(int rows) {}
