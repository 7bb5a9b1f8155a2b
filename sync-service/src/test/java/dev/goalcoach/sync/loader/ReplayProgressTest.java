package dev.goalcoach.sync.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

    private static final TopicPartition P0 = new TopicPartition("goalcoach.checkins", 0);
    private static final TopicPartition P1 = new TopicPartition("goalcoach.checkins", 1);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void countsWhatTheWarehouseCommittedUpToTheEndsAtItsStart() {
        var progress = new ReplayProgress();
        assertThat(progress.current()).isNull();
        progress.request(T0);
        progress.start(3, T0.plusSeconds(1), Map.of(P0, 0L, P1, 5L), Map.of(P0, 10L, P1, 9L));
        assertThat(progress.current().target()).isEqualTo(14);
        assertThat(progress.current().requestedAt()).isEqualTo(T0);
        assertThat(progress.current().state()).isEqualTo(Replay.State.RUNNING);

        progress.track(targets -> 6);
        assertThat(progress.current().done()).isEqualTo(8);
        assertThat(progress.current().finished()).isFalse();

        progress.track(targets -> 0);
        assertThat(progress.current().done()).isEqualTo(14);
        assertThat(progress.current().finished()).isTrue();
        assertThat(progress.current().state()).isEqualTo(Replay.State.FINISHED);
    }

    @Test
    void aRequestAfterAFinishedRebuildIsNotShownAsFinished() {
        var progress = new ReplayProgress();
        progress.start(1, T0, Map.of(P0, 0L), Map.of(P0, 4L));
        progress.track(targets -> 0);
        assertThat(progress.current().finished()).isTrue();

        progress.request(T0.plusSeconds(60));
        progress.track(targets -> 0); // the loader's round before it takes the request up
        var shown = progress.current();
        assertThat(shown.state()).isEqualTo(Replay.State.REQUESTED);
        assertThat(shown.finished()).isFalse();
        assertThat(shown.requestedAt()).isEqualTo(T0.plusSeconds(60));

        progress.start(2, T0.plusSeconds(61), Map.of(P0, 0L), Map.of(P0, 4L));
        assertThat(progress.current().generation()).isEqualTo(2);
        assertThat(progress.current().finished()).isFalse();
    }

    @Test
    void trackingTheRunningRebuildDoesNotHideARequestMadeMeanwhile() {
        var progress = new ReplayProgress();
        progress.start(1, T0, Map.of(P0, 0L), Map.of(P0, 4L));
        progress.track(targets -> {
            progress.request(T0.plusSeconds(5)); // an admin's request lands while the loader counts
            return 0;
        });
        assertThat(progress.current().state()).isEqualTo(Replay.State.REQUESTED);
        assertThat(progress.current().finished()).isFalse();
    }

    @Test
    void aRebuildOfEmptyTopicsIsFinishedAtOnce() {
        var progress = new ReplayProgress();
        progress.request(T0);
        progress.start(1, T0, Map.of(P0, 7L), Map.of(P0, 7L));
        assertThat(progress.current().finished()).isTrue();
        assertThat(progress.current().target()).isZero();
    }
}
