package dev.goalcoach.kit.members;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.UUID;

/**
 * Everything this service holds about a member, as {@code {table: [rows]}}: the {@link MemberData} tables that
 * are exported, read in one statement (one snapshot: no half-written goal appears without its habits).
 */
@ApplicationScoped
public class MemberExport {

    private final Instance<MemberData> data;
    private final Pool pool;
    private final ObjectMapper json;

    public MemberExport(Instance<MemberData> data, Pool pool, ObjectMapper json) {
        this.data = data;
        this.pool = pool;
        this.json = json;
    }

    public Uni<ObjectNode> of(UUID memberId) {
        var pairs = new ArrayList<String>();
        for (MemberData d : data) {
            for (MemberTable t : d.tables()) {
                if (t.exported()) {
                    pairs.add("'" + t.table() + "', " + t.rows());
                }
            }
        }
        if (pairs.isEmpty()) {
            return Uni.createFrom().item(json.createObjectNode());
        }
        String sql = "select jsonb_build_object(" + String.join(", ", pairs) + ")::text";
        return pool.preparedQuery(sql).execute(Tuple.of(memberId)).map(rows -> {
            try {
                return (ObjectNode) json.readTree(rows.iterator().next().getString(0));
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
