package dev.goalcoach.analytics.repository;

import dev.goalcoach.analytics.CohortKind;
import dev.goalcoach.analytics.api.AnalyticsViews.Cohort;
import dev.goalcoach.analytics.api.AnalyticsViews.CohortPage;
import dev.goalcoach.analytics.metrics.Warehouse;
import dev.goalcoach.warehouse.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;

/** Cohorts' figures (a mentor's mentees, or a group's members) from the mentor dashboard view. */
@ApplicationScoped
public class CohortRepository {

    private final Warehouse warehouse;

    public CohortRepository(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** One page of every cohort of a kind (admin's overview). */
    public CohortPage page(CohortKind kind, int page, int size) throws SQLException {
        var items = new ArrayList<Cohort>();
        long total = 0;
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().cohortPage(kind, page, size))) {
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(cohort(rs));
                    total = rs.getLong(14);
                }
            }
        }
        if (items.isEmpty() && page > 0) {
            try (Connection c = warehouse.connection();
                    var s = c.createStatement();
                    var rs = s.executeQuery(warehouse.sql().cohortCount(kind))) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        return new CohortPage(items, page, size, total);
    }

    /** One cohort, if it exists. */
    public Optional<Cohort> one(CohortKind kind, UUID id) throws SQLException {
        try (Connection c = warehouse.connection();
                var ps = c.prepareStatement(warehouse.sql().cohortOne(kind))) {
            warehouse.dialect().bind(ps, 1, Table.Type.UUID, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(cohort(rs)) : Optional.empty();
            }
        }
    }

    private Cohort cohort(ResultSet rs) throws SQLException {
        var adherence = new LinkedHashMap<Integer, BigDecimal>();
        adherence.put(7, rs.getBigDecimal(6));
        adherence.put(30, rs.getBigDecimal(7));
        adherence.put(90, rs.getBigDecimal(8));
        var risk = new LinkedHashMap<String, Integer>();
        risk.put("HIGH", rs.getInt(9));
        risk.put("MEDIUM", rs.getInt(10));
        risk.put("LOW", rs.getInt(11));
        var d = warehouse.dialect();
        return new Cohort(
                d.uuid(rs, 1),
                rs.getString(2),
                d.uuid(rs, 3),
                rs.getInt(4),
                rs.getInt(5),
                adherence,
                risk,
                rs.getBigDecimal(12),
                rs.getBigDecimal(13));
    }
}
