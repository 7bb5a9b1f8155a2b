package dev.goalcoach.analytics;

import dev.goalcoach.analytics.metrics.Recompute;
import dev.goalcoach.analytics.metrics.StreamedEngine;

/** {@link MetricsTest}'s hand-computed cases once more with the streamed recomputation (the service's on PostgreSQL). */
class StreamedMetricsTest extends MetricsTest {

    private static final Recompute STREAMED = new StreamedEngine();

    @Override
    Recompute engine() {
        return STREAMED;
    }
}
