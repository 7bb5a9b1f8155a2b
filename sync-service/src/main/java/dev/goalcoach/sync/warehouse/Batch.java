package dev.goalcoach.sync.warehouse;

import dev.goalcoach.events.WarehouseBatchCommitted;
import dev.goalcoach.warehouse.Schema;
import dev.goalcoach.warehouse.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    private final Set<UUID> reshaped = new HashSet<>();
    private final Set<UUID> factMembers = new LinkedHashSet<>();
    private final Map<UUID, LocalDate> checkinDays = new HashMap<>();
    private Instant newestEventTime;
    private int events;

    /**
     * Adds a row, each value checked against what the warehouse column holds ({@link #check}): a value it would
     * refuse (and so fail the whole batch, again and again) throws IllegalArgumentException instead.
     */
    public void add(Table table, Object... row) {
        if (row.length != table.width()) {
            throw new IllegalArgumentException(table.name() + " takes " + table.width() + " values, not " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            check(table, table.columns().get(i), row[i]);
        }
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
    }

    /** Runs {@code adds}, one event's rows: when it throws, none of the rows it added stay in the batch. */
    public void event(Runnable adds) {
        var sizes = new HashMap<Table, Integer>();
        rows.forEach((t, list) -> sizes.put(t, list.size()));
        try {
            adds.run();
        } catch (RuntimeException e) {
            rows.forEach((t, list) ->
                    list.subList(sizes.getOrDefault(t, 0), list.size()).clear());
            throw e;
        }
    }

    /** The largest magnitude numeric(18,4) holds: 14 digits before the point. */
    static final BigDecimal NUMBER_LIMIT = new BigDecimal("1E14");

    /** Longest text a warehouse column takes (Snowflake's VARCHAR: 16 MiB). */
    static final int TEXT_LIMIT = 16 * 1024 * 1024;

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Refuses a value the warehouse column could not hold, naming the table, the column and the value. */
    static void check(Table table, Table.Column column, Object value) {
        if (value == null) {
            return;
        }
        String problem = switch (column.type()) {
            case NUMBER ->
                value instanceof BigDecimal d && d.abs().compareTo(NUMBER_LIMIT) >= 0
                        ? d.toPlainString() + " is beyond numeric(18,4)"
                        : null;
            case DATE ->
                value instanceof LocalDate d && (d.getYear() < 1 || d.getYear() > 9999)
                        ? d + " is outside the years 1 to 9999"
                        : null;
            case TIMESTAMP ->
                value instanceof Instant t && (t.isBefore(EARLIEST) || t.isAfter(LATEST))
                        ? t + " is outside the years 1 to 9999"
                        : null;
            case TEXT ->
                value instanceof String text && (text.length() > TEXT_LIMIT || text.indexOf('\u0000') >= 0)
                        ? (text.length() > TEXT_LIMIT ? "text longer than 16 MiB" : "text with a NUL character")
                        : null;
            default -> null;
        };
        if (problem != null) {
            throw new IllegalArgumentException(
                    "the warehouse cannot hold " + table.name() + "." + column.name() + ": " + problem);
        }
    }

    /**
     * Counts one event of {@code member} at {@code time} into the batch: one that may change what the member's
     * metrics are made of (a member, goal or habit row, an erasure, a deletion of a goal).
     */
    public void counted(UUID member, Instant time) {
        count(member, time);
        if (member != null) {
            reshaped.add(member);
        }
    }

    /**
     * Counts one event of {@code member} at {@code time} that is a fact no metric's shape depends on: a check-in
     * (logged, corrected or retracted) of {@code checkinDay}, or, with no day, a journal entry, its reading, a coach
     * event or a mentor interaction.
     */
    public void countedFact(UUID member, Instant time, LocalDate checkinDay) {
        count(member, time);
        if (member != null) {
            factMembers.add(member);
            if (checkinDay != null) {
                checkinDays.merge(member, checkinDay, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
    }

    private void count(UUID member, Instant time) {
        events++;
        if (member != null) {
            members.add(member);
        }
        if (time != null && (newestEventTime == null || time.isAfter(newestEventTime))) {
            newestEventTime = time;
        }
    }

    /** The members whose events in the batch were all facts, each with the earliest check-in day (null: none). */
    public List<WarehouseBatchCommitted.FactsOnly> factsOnly() {
        var out = new ArrayList<WarehouseBatchCommitted.FactsOnly>();
        for (UUID m : factMembers) {
            if (!reshaped.contains(m)) {
                out.add(new WarehouseBatchCommitted.FactsOnly(m, checkinDays.get(m)));
            }
        }
        return out;
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
