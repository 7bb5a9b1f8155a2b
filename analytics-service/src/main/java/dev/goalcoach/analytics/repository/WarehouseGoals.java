package dev.goalcoach.analytics.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goalcoach.analytics.metrics.Warehouse;
import dev.goalcoach.warehouse.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.UUID;

/** The warehouse's copy of members' goals and habits, as the loader last wrote them. */
@ApplicationScoped
public class WarehouseGoals {

    private final Warehouse warehouse;

    public WarehouseGoals(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * A member's goals as the warehouse last loaded them, in goal-service's shape (without what the warehouse does
     * not keep: descriptions, subgoals, reminders): what {@code /dashboard/user/{id}/goals} shows when goal-service
     * cannot answer. Removed habits are left out; newest goals first, as goal-service lists them.
     */
    public ArrayNode goalsOf(UUID memberId) throws SQLException {
        var json = JsonNodeFactory.instance;
        var goals = json.arrayNode();
        var byId = new LinkedHashMap<UUID, ObjectNode>();
        var d = warehouse.dialect();
        try (Connection c = warehouse.connection()) {
            try (var ps = c.prepareStatement(warehouse.sql().goals)) {
                d.bind(ps, 1, Table.Type.UUID, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var goal = goals.addObject();
                        var id = d.uuid(rs, 1);
                        goal.put("id", id.toString());
                        goal.put("memberId", memberId.toString());
                        goal.put("title", rs.getString(2));
                        goal.put("theme", rs.getString(3));
                        goal.put("status", rs.getString(4));
                        goal.put("planStatus", rs.getString(5));
                        var target = d.date(rs, 6);
                        goal.put("targetDate", target == null ? null : target.toString());
                        goal.putArray("habits");
                        byId.put(id, goal);
                    }
                }
            }
            try (var ps = c.prepareStatement(warehouse.sql().habits)) {
                d.bind(ps, 1, Table.Type.UUID, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var goal = byId.get(d.uuid(rs, 1));
                        if (goal == null) {
                            continue;
                        }
                        var habit = goal.withArray("habits").addObject();
                        habit.put("id", d.uuid(rs, 2).toString());
                        habit.put("title", rs.getString(3));
                        var schedule = habit.putObject("schedule");
                        schedule.put("type", rs.getString(4));
                        var days = schedule.putArray("days");
                        if (rs.getString(5) != null) {
                            for (var day : rs.getString(5).split(",")) {
                                days.add(day.trim());
                            }
                        }
                        schedule.put("timesPerWeek", d.integer(rs, 6));
                        schedule.put("everyNDays", d.integer(rs, 7));
                        var start = d.date(rs, 8);
                        habit.put("startDate", start == null ? null : start.toString());
                        if (rs.getBigDecimal(9) != null) {
                            var target = habit.putObject("target");
                            target.put("value", rs.getBigDecimal(9));
                            target.put("unit", rs.getString(10));
                            target.put("direction", rs.getString(11));
                        } else {
                            habit.putNull("target");
                        }
                        habit.put("active", rs.getBoolean(12));
                    }
                }
            }
        }
        return goals;
    }
}
