package dev.goalcoach.analytics.repository;

import dev.goalcoach.analytics.CohortKind;
import dev.goalcoach.analytics.api.AnalyticsViews.Cohort;
import dev.goalcoach.analytics.api.AnalyticsViews.CohortPage;
import io.agroal.api.AgroalDataSource;
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

    private static final String COHORT = "select c.id, c.name, c.mentor_id, count(d.member_id),"
            + " count(d.risk_score), round(avg(d.adherence7), 4), round(avg(d.adherence30), 4),"
            + " round(avg(d.adherence90), 4), count(*) filter (where d.risk_level = 'HIGH'),"
            + " count(*) filter (where d.risk_level = 'MEDIUM'), count(*) filter (where d.risk_level = 'LOW'),"
            + " round(avg(d.current_streak), 2), round(avg(d.strength), 4), count(*) over ()"
            + " from (%s) c left join mentor_dashboard d on d.%s = c.id %s"
            + " group by c.id, c.name, c.mentor_id order by c.name, c.id";

    private final AgroalDataSource dataSource;

    public CohortRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The cohorts of a kind: each one's id, name and mentor. */
    private static String cohorts(CohortKind kind) {
        return switch (kind) {
            case MENTOR ->
                "select member_id as id, display_name as name, member_id as mentor_id from dim_members"
                        + " where role = 'MENTOR'";
            case GROUP -> "select group_id as id, name, mentor_id from dim_groups";
        };
    }

    /** The mentor dashboard's column a cohort of the kind is keyed by. */
    private static String column(CohortKind kind) {
        return switch (kind) {
            case MENTOR -> "mentor_id";
            case GROUP -> "group_id";
        };
    }

    /** One page of every cohort of a kind (admin's overview). */
    public CohortPage page(CohortKind kind, int page, int size) throws SQLException {
        var items = new ArrayList<Cohort>();
        long total = 0;
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        String.format(COHORT, cohorts(kind), column(kind), "") + " offset ? limit ?")) {
            ps.setLong(1, (long) page * size);
            ps.setInt(2, size);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(cohort(rs));
                    total = rs.getLong(14);
                }
            }
        }
        if (items.isEmpty() && page > 0) {
            try (Connection c = dataSource.getConnection();
                    var s = c.createStatement();
                    var rs = s.executeQuery("select count(*) from (" + cohorts(kind) + ") c")) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        return new CohortPage(items, page, size, total);
    }

    /** One cohort, if it exists. */
    public Optional<Cohort> one(CohortKind kind, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement(String.format(COHORT, cohorts(kind), column(kind), "where c.id = ?"))) {
            ps.setObject(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(cohort(rs)) : Optional.empty();
            }
        }
    }

    private static Cohort cohort(ResultSet rs) throws SQLException {
        var adherence = new LinkedHashMap<Integer, BigDecimal>();
        adherence.put(7, rs.getBigDecimal(6));
        adherence.put(30, rs.getBigDecimal(7));
        adherence.put(90, rs.getBigDecimal(8));
        var risk = new LinkedHashMap<String, Integer>();
        risk.put("HIGH", rs.getInt(9));
        risk.put("MEDIUM", rs.getInt(10));
        risk.put("LOW", rs.getInt(11));
        return new Cohort(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getInt(4),
                rs.getInt(5),
                adherence,
                risk,
                rs.getBigDecimal(12),
                rs.getBigDecimal(13));
    }
}
