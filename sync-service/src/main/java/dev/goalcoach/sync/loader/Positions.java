package dev.goalcoach.sync.loader;

import dev.goalcoach.sync.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Where each of the loader's partitions stands. A partition assigned to the loader stays paused until it is
 * positioned at the warehouse's offset for it (the warehouse, not Kafka, holds the offsets); from then on the
 * loader knows the next offset the warehouse has committed for it, which a failed batch rewinds to.
 */
final class Positions {

    private static final Logger LOG = Logger.getLogger(Positions.class);

    private final Consumer<String, byte[]> consumer;
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    Positions(Consumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Newly assigned partitions: paused until positioned. */
    void assigned(Collection<TopicPartition> partitions) {
        consumer.pause(partitions);
        unpositioned.addAll(partitions);
    }

    /** Partitions taken away (revoked or lost). */
    void forget(Collection<TopicPartition> partitions) {
        unpositioned.removeAll(partitions);
        partitions.forEach(committed::remove);
    }

    boolean allPositioned() {
        return unpositioned.isEmpty();
    }

    /** Seeks every unpositioned partition to the warehouse's offset for it (the beginning when it has none). */
    void position(Warehouse warehouse) throws Exception {
        var offsets = warehouse.offsets(unpositioned);
        var fromStart = new ArrayList<TopicPartition>();
        for (TopicPartition tp : unpositioned) {
            Long next = offsets.get(tp);
            if (next == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, next);
                committed.put(tp, next);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
            for (TopicPartition tp : fromStart) {
                committed.put(tp, consumer.position(tp));
            }
        }
        LOG.debugf("positioned %s at the warehouse's offsets", unpositioned);
        consumer.resume(unpositioned);
        unpositioned.clear();
    }

    /** Every partition to be positioned again (the warehouse is being rebuilt). */
    void repositionAll() {
        var assigned = consumer.assignment();
        consumer.pause(assigned);
        unpositioned.addAll(assigned);
        committed.clear();
    }

    /** A batch committed: the partitions' next offsets as the warehouse now holds them. */
    void committed(Map<TopicPartition, Long> nextOffsets) {
        committed.putAll(nextOffsets);
    }

    /** The next offset the warehouse has committed for the partition; null when not yet known. */
    Long committed(TopicPartition tp) {
        return committed.get(tp);
    }

    /**
     * Nothing of a failed batch was committed: every partition is sought back to the last committed offset (or
     * positioned anew when it has none) and paused.
     */
    void rewind() {
        var assigned = consumer.assignment();
        for (TopicPartition tp : assigned) {
            Long next = committed.get(tp);
            if (next != null) {
                consumer.seek(tp, next);
            } else {
                unpositioned.add(tp);
            }
        }
        consumer.pause(assigned);
    }

    /** Resumes what is positioned after a pause; the rest waits for {@link #position}. */
    void resumePositioned() {
        var resumable = new HashSet<>(consumer.assignment());
        resumable.removeAll(unpositioned);
        consumer.resume(resumable);
    }

    /** A rebuild from the retained topics: every partition from its beginning; answers where each begins. */
    Map<TopicPartition, Long> fromBeginning() {
        var assigned = consumer.assignment();
        consumer.seekToBeginning(assigned);
        committed.clear();
        var begins = new HashMap<TopicPartition, Long>();
        for (TopicPartition tp : assigned) {
            long begin = consumer.position(tp);
            committed.put(tp, begin);
            begins.put(tp, begin);
        }
        return begins;
    }

    /** Records between the warehouse's positions and the given end offsets, over the partitions it has positions for. */
    long behind(Map<TopicPartition, Long> ends) {
        long total = 0;
        for (var e : ends.entrySet()) {
            Long at = committed.get(e.getKey());
            if (at != null) {
                total += Math.max(0, e.getValue() - at);
            }
        }
        return total;
    }
}
