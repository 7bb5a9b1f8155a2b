package dev.goalcoach.sync.loader;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/** A rebuild of the warehouse from the retained topics and how far it has come. */
final class ReplayProgress {

    private static final Logger LOG = Logger.getLogger(ReplayProgress.class);

    private final Map<TopicPartition, Long> targets = new HashMap<>();
    private volatile Replay replay;

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
        replay = new Replay(generation, at, target, 0, target == 0);
        LOG.infof("replay %d: rebuilding the warehouse from %d retained records", generation, target);
    }

    /** Counts what the warehouse has committed of the rebuild so far. */
    void track(Positions positions) {
        var r = replay;
        if (r == null || r.finished()) {
            return;
        }
        long remaining = positions.behind(targets);
        long done = Math.max(0, r.target() - remaining);
        replay = new Replay(r.generation(), r.startedAt(), r.target(), done, remaining == 0);
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(targets::remove);
    }

    /** The latest rebuild, or null when there was none since the loader started. */
    Replay current() {
        return replay;
    }
}
