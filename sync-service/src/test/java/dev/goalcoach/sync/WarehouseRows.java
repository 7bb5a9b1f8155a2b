package dev.goalcoach.sync;

import dev.goalcoach.testkit.ProxiedDatabaseResource;
import dev.goalcoach.testkit.Rows;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/** Reads the test warehouse directly: counts, and a member's rows with ids turned into the story's names. */
final class WarehouseRows {

    /** Every warehouse table with a member_id column. */
    static final List<String> MEMBER_TABLES = List.of(
            "dim_members",
            "dim_goals",
            "dim_habits",
            "fact_checkins",
            "fact_journal_entries",
            "fact_journal_sentiment",
            "fact_coach_events",
            "fact_mentor_interactions",
            "sync_deletions");

    static long count(String sql) {
        try (var c = ProxiedDatabaseResource.connect()) {
            return Rows.count(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row {@code sql} answers, as text. */
    static List<String> strings(String sql) {
        try (var c = ProxiedDatabaseResource.connect();
                var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            var out = new ArrayList<String>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The member's rows in every table, ids as names, event ids (random per delivery) and load times left out. */
    static Map<String, List<String>> snapshot(Story story) {
        var names = story.names();
        var result = new TreeMap<String, List<String>>();
        for (String table : MEMBER_TABLES) {
            var rows = new ArrayList<String>();
            try (var c = ProxiedDatabaseResource.connect();
                    var s = c.createStatement();
                    var rs = s.executeQuery("select * from " + table + " where member_id = '" + story.member + "'")) {
                var meta = rs.getMetaData();
                while (rs.next()) {
                    var row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnName(i);
                        if (column.equals("event_id")) {
                            continue;
                        }
                        String value = rs.getString(i);
                        if (value != null) {
                            for (var name : names.entrySet()) {
                                value = value.replace(name.getKey(), name.getValue());
                            }
                        }
                        row.append(column).append('=').append(value).append(' ');
                    }
                    rows.add(row.toString().strip());
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            rows.sort(String::compareTo);
            result.put(table, rows);
        }
        return result;
    }

    /** Waits (bounded) until {@code condition} holds. */
    static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        Awaitility.await(what)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(condition::get);
    }

    private WarehouseRows() {}
}
