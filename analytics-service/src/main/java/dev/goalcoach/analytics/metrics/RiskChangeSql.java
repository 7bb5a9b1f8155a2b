package dev.goalcoach.analytics.metrics;

import java.util.List;

/**
 * The risk levels that changed, written to the warehouse's {@code analytics_outbox} in the same transaction as the
 * metrics that changed them (a refresh's, a day step's): a change is never lost between the commit and its event,
 * whatever stops when. {@code metrics_risk_level} holds each member's level as last announced, so only a change
 * (or a member's first level) is written; a member whose risk row went (erased, no habits left) loses theirs. The
 * rows are published and deleted after the commit ({@code messaging.RiskChangePublisher}). Plain SQL both
 * warehouses run.
 */
public final class RiskChangeSql {

    /** The statements, in order, for the members in work table {@code scope} (member_id); the first writes events. */
    static List<String> statements(String scope) {
        return List.of(
                "insert into analytics_outbox (member_id, previous_level, level, score, reasons, as_of, changed_at)"
                        + " select r.member_id, l.level, r.level, r.score, r.reasons, r.as_of, current_timestamp"
                        + " from metrics_risk r join " + scope + " s on s.member_id = r.member_id"
                        + " left join metrics_risk_level l on l.member_id = r.member_id"
                        + " where l.level is null or l.level <> r.level",
                "delete from metrics_risk_level where member_id in (select s.member_id from " + scope + " s)"
                        + " and not exists (select 1 from metrics_risk r where r.member_id ="
                        + " metrics_risk_level.member_id and r.level = metrics_risk_level.level)",
                "insert into metrics_risk_level (member_id, level, as_of, changed_at) select r.member_id, r.level,"
                        + " r.as_of, current_timestamp from metrics_risk r join " + scope + " s on s.member_id ="
                        + " r.member_id where not exists (select 1 from metrics_risk_level l"
                        + " where l.member_id = r.member_id)");
    }

    private RiskChangeSql() {}
}
