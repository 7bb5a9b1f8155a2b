package dev.goalcoach.kit.ai;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The AI usage ledger ({@code ai_usage}, created by each service's own migration: see the kit's README): one row
 * per model call, with purpose, model, tokens, latency and
 * outcome. Written at once on its own connection, not in the caller's transaction: tokens spent are spent
 * whether or not the work they served commits. Read for a member's budget and rate. Blocking (JDBC): called from
 * the worker threads model calls run on.
 */
@ApplicationScoped
public class UsageLedger implements UsageLog {

    private static final Logger LOG = Logger.getLogger(UsageLedger.class);

    // a call that ended after its member was erased is kept for the cost, without the member
    private static final String INSERT = "insert into ai_usage (member_id, purpose, provider, model, input_tokens,"
            + " output_tokens, latency_ms, outcome, at) values ((select case when exists (select 1 from"
            + " member_directory where member_id = ? and deleted) then null else cast(? as uuid) end),"
            + " ?, ?, ?, ?, ?, ?, ?, ?)";

    private final AgroalDataSource db;

    public UsageLedger(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public void record(List<ModelUse> uses) {
        if (uses.isEmpty()) {
            return;
        }
        try (var c = db.getConnection();
                var insert = c.prepareStatement(INSERT)) {
            for (ModelUse u : uses) {
                insert.setObject(1, u.memberId(), Types.OTHER);
                insert.setObject(2, u.memberId(), Types.OTHER);
                insert.setString(3, u.purpose());
                insert.setString(4, u.provider());
                insert.setString(5, u.model());
                insert.setInt(6, u.inputTokens());
                insert.setInt(7, u.outputTokens());
                insert.setLong(8, u.latencyMs());
                insert.setString(9, u.outcome());
                insert.setTimestamp(10, Timestamp.from(u.at()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            // the ledger must not fail the member's request; what was lost is logged with its figures
            LOG.errorf(e, "usage ledger: %d calls not recorded: %s", uses.size(), uses);
        }
    }

    /** Tokens the member's calls cost since {@code since}. */
    public long tokensSince(UUID memberId, Instant since) throws SQLException {
        try (var c = db.getConnection();
                var q = c.prepareStatement("select coalesce(sum(input_tokens + output_tokens), 0) from ai_usage"
                        + " where member_id = ? and at >= ?")) {
            q.setObject(1, memberId, Types.OTHER);
            q.setTimestamp(2, Timestamp.from(since));
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
