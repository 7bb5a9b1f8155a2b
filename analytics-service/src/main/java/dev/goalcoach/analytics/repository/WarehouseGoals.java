package dev.goalcoach.analytics.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.UUID;

/** The warehouse's copy of members' goals and habits, as the loader last wrote them. */
@ApplicationScoped
public class WarehouseGoals {

    private final AgroalDataSource dataSource;

    public WarehouseGoals(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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
        try (Connection c = dataSource.getConnection()) {
            try (var ps = c.prepareStatement("select goal_id, title, theme, status, plan_status, target_date"
                    + " from dim_goals where member_id = ? order by updated_at desc nulls last, goal_id")) {
                ps.setObject(1, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var goal = goals.addObject();
                        var id = rs.getObject(1, UUID.class);
                        goal.put("id", id.toString());
                        goal.put("memberId", memberId.toString());
                        goal.put("title", rs.getString(2));
                        goal.put("theme", rs.getString(3));
                        goal.put("status", rs.getString(4));
                        goal.put("planStatus", rs.getString(5));
                        goal.put("targetDate", rs.getString(6));
                        goal.putArray("habits");
                        byId.put(id, goal);
                    }
                }
            }
            try (var ps = c.prepareStatement("select goal_id, habit_id, title, schedule_type, days, times_per_week,"
                    + " every_n_days, start_date, target_value, target_unit, target_direction, active"
                    + " from dim_habits where member_id = ? and not removed order by start_date, habit_id")) {
                ps.setObject(1, memberId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var goal = byId.get(rs.getObject(1, UUID.class));
                        if (goal == null) {
                            continue;
                        }
                        var habit = goal.withArray("habits").addObject();
                        habit.put("id", rs.getObject(2, UUID.class).toString());
                        habit.put("title", rs.getString(3));
                        var schedule = habit.putObject("schedule");
                        schedule.put("type", rs.getString(4));
                        var days = schedule.putArray("days");
                        if (rs.getString(5) != null) {
                            for (var day : rs.getString(5).split(",")) {
                                days.add(day.trim());
                            }
                        }
                        schedule.put("timesPerWeek", (Integer) rs.getObject(6));
                        schedule.put("everyNDays", (Integer) rs.getObject(7));
                        habit.put("startDate", rs.getString(8));
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
