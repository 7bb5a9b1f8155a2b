package dev.goalcoach.warehouse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A warehouse table as the loader sees it: its columns (the staging table has the same), the key rows are merged
 * on, the version column that decides which of two rows for one key wins (null: the first one stays, for
 * append-only facts), and the guard a staged row must pass to be merged (SQL over alias {@code s}: not erased,
 * not deleted).
 */
public record Table(String name, List<Column> columns, List<String> key, String version, String guard) {

    /** A column and its logical type; each dialect names the type its own way. */
    public record Column(String name, Type type) {}

    public enum Type {
        UUID,
        TEXT,
        TIMESTAMP,
        DATE,
        NUMBER,
        INT,
        BIGINT,
        BOOLEAN
    }

    public Table {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    public String staging() {
        return "stage_" + name;
    }

    public int width() {
        return columns.size();
    }

    public String columnList(String prefix) {
        return columns.stream().map(c -> prefix + c.name()).collect(Collectors.joining(", "));
    }

    public List<Column> nonKey() {
        return columns.stream().filter(c -> !key.contains(c.name())).toList();
    }

    /** The insert that fills the staging table, one batched bind per row. */
    public String stagingInsert() {
        return "insert into " + staging() + " (" + columnList("") + ") values ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }
}
