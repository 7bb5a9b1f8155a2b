package dev.goalcoach.sync.warehouse;

import dev.goalcoach.warehouse.Schema;
import dev.goalcoach.warehouse.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's worth of events turned into warehouse rows, with the offsets they take each partition to: what one
 * warehouse transaction commits, all or nothing.
 */
public final class Batch {

    private final Map<Table, List<Object[]>> rows = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Set<UUID> members = new LinkedHashSet<>();
    private Instant newestEventTime;
    private int events;

    public void add(Table table, Object... row) {
        if (row.length != table.width()) {
            throw new IllegalArgumentException(table.name() + " takes " + table.width() + " values, not " + row.length);
        }
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
    }

    /** Counts one event of {@code member} at {@code time} into the batch. */
    public void counted(UUID member, Instant time) {
        events++;
        if (member != null) {
            members.add(member);
        }
        if (time != null && (newestEventTime == null || time.isAfter(newestEventTime))) {
            newestEventTime = time;
        }
    }

    public void consumed(TopicPartition partition, long offset) {
        nextOffsets.merge(partition, offset + 1, Math::max);
    }

    /** The rows per table, offsets included, in merge order. */
    public Map<Table, List<Object[]>> rows() {
        var ordered = new LinkedHashMap<Table, List<Object[]>>();
        for (Table t : Schema.LOADED) {
            if (t == Schema.OFFSETS) {
                var offsets = new ArrayList<Object[]>();
                nextOffsets.forEach((tp, next) -> offsets.add(new Object[] {tp.topic(), tp.partition(), next}));
                if (!offsets.isEmpty()) {
                    ordered.put(t, offsets);
                }
            } else if (rows.containsKey(t)) {
                ordered.put(t, rows.get(t));
            }
        }
        return ordered;
    }

    public Map<TopicPartition, Long> nextOffsets() {
        return nextOffsets;
    }

    public Set<UUID> members() {
        return members;
    }

    public Instant newestEventTime() {
        return newestEventTime;
    }

    public int events() {
        return events;
    }
}
