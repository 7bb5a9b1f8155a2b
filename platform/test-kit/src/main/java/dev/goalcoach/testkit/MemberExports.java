package dev.goalcoach.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A service's part of a member's data export ({@code GET /export/members/{id}}), held against its database. */
public final class MemberExports {

    /**
     * Reads the member's export with {@code token} and asserts that it holds, for every table of the database with
     * rows naming the member, exactly that many rows, but for the tables {@code notExported} (bookkeeping, others'
     * notes, the member directory). Returns the export, table by table.
     */
    public static Map<String, List<Map<String, Object>>> holdEveryRow(
            String token, UUID member, Set<String> notExported) throws Exception {
        Map<String, Long> held = Rows.ofMember(member);
        Map<String, List<Map<String, Object>>> export = Requests.as(token)
                .get("/export/members/" + member)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
        held.forEach((table, rows) -> {
            if (!notExported.contains(table)) {
                assertThat(export.get(table))
                        .as("the export's " + table + " (the database has " + rows + ")")
                        .isNotNull()
                        .hasSize(rows.intValue());
            }
        });
        for (String table : notExported) {
            assertThat(export).as("left out of the export").doesNotContainKey(table);
        }
        return export;
    }

    /**
     * Asserts that every table of the database under test with a {@code member_id} column, but the member
     * directory, is among {@code declared} (a service's {@code MemberData} tables): a table added later cannot be
     * forgotten by both the erasure and the export.
     */
    public static void declareEveryMemberTable(Set<String> declared) throws Exception {
        var tables = new java.util.TreeSet<String>();
        try (var c = PostgresResource.server().connect(PostgresResource.currentDatabase);
                var s = c.createStatement();
                var rs = s.executeQuery("select table_name from information_schema.columns where column_name ="
                        + " 'member_id' and table_schema = current_schema()")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        tables.remove("member_directory");
        assertThat(tables).as("tables with a member_id").isNotEmpty();
        assertThat(declared).as("the service's MemberData tables").containsAll(tables);
    }

    private MemberExports() {}
}
