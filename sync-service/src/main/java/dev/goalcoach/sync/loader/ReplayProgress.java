package dev.goalcoach.sync.loader;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * A rebuild of the warehouse from the retained topics and how far it has come. Requested on a request thread, started
 * and tracked on the loader's: the targets are the loader thread's alone, the rebuild shown is swapped atomically so
 * that tracking the previous rebuild never hides a request made meanwhile.
 */
final class ReplayProgress {

    private static final Logger LOG = Logger.getLogger(ReplayProgress.class);

    private final Map<TopicPartition, Long> targets = new HashMap<>();
    private final AtomicReference<Replay> replay = new AtomicReference<>();

    /** An admin asked for a rebuild: it shows as requested (not finished) until {@link #start}. */
    void request(Instant at) {
        replay.set(Replay.requested(at));
    }

    /** A rebuild starts: each partition is to be read from {@code begins} to its end offset now. */
    void start(long generation, Instant at, Map<TopicPartition, Long> begins, Map<TopicPartition, Long> ends) {
        targets.clear();
        long target = 0;
        for (var e : begins.entrySet()) {
            long begin = e.getValue();
            long end = ends.getOrDefault(e.getKey(), begin);
            targets.put(e.getKey(), end);
            target += Math.max(0, end - begin);
        }
        var asked = replay.get();
        var requestedAt = asked != null && asked.state() == Replay.State.REQUESTED ? asked.requestedAt() : at;
        replay.set(Replay.started(generation, requestedAt, at, target, 0));
        LOG.infof("replay %d: rebuilding the warehouse from %d retained records", generation, target);
    }

    /** Counts what the warehouse has committed of the rebuild so far; {@code behind} gives what is left to the targets. */
    void track(ToLongFunction<Map<TopicPartition, Long>> behind) {
        var r = replay.get();
        if (r == null || r.state() != Replay.State.RUNNING) {
            return;
        }
        long remaining = behind.applyAsLong(targets);
        var next = Replay.started(
                r.generation(), r.requestedAt(), r.startedAt(), r.target(), Math.max(0, r.target() - remaining));
        replay.compareAndSet(r, next);
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(targets::remove);
    }

    /** The latest rebuild, or null when there was none since the loader started. */
    Replay current() {
        return replay.get();
    }
}
