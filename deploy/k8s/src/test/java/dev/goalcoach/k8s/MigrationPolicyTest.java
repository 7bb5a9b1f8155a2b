package dev.goalcoach.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rolling deploys run the old and the new version of a service against one schema, so a migration only expands
 * (new tables, new nullable or defaulted columns, new indexes) and a contraction (a drop, a rename, a type change,
 * a new NOT NULL) comes in a later release, in a file that says so on its first line: {@code -- contract: ...},
 * naming the release that stopped using what it removes (docs/decisions/0016).
 */
class MigrationPolicyTest {

    private static final Pattern CONTRACTS = Pattern.compile(
            "\\bdrop\\s+(table|column|view)\\b|\\brename\\b|\\balter\\s+column\\s+\\S+\\s+(set\\s+data\\s+)?type\\b"
                    + "|\\bset\\s+not\\s+null\\b");

    /** What in a migration contracts the schema without saying so (empty: nothing, or it says so). */
    static List<String> unannounced(String sql) {
        var found = new ArrayList<String>();
        if (sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("-- contract:")) {
            return found;
        }
        for (String statement : sql.replaceAll("(?m)--.*$", "").split(";")) {
            if (CONTRACTS.matcher(statement.toLowerCase(Locale.ROOT)).find()) {
                found.add(statement.strip().replaceAll("\\s+", " "));
            }
        }
        return found;
    }

    @Test
    void everyMigrationOnlyExpandsOrSaysItContracts() throws IOException {
        var problems = new ArrayList<String>();
        int checked = 0;
        try (var files = Files.walk(ManifestsTest.ROOT, 8)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")
                            && p.toString().contains("/src/main/resources/db/")
                            && !p.toString().contains("/target/"))
                    .toList()) {
                checked++;
                unannounced(Files.readString(f))
                        .forEach(s -> problems.add(ManifestsTest.ROOT.relativize(f) + ": " + s));
            }
        }
        assertThat(checked).as("migrations found").isGreaterThanOrEqualTo(13);
        assertThat(problems).isEmpty();
    }

    @Test
    void aContractionIsCaughtUnlessAnnounced() {
        String expand = "create table t (id uuid primary key);\nalter table t add column note text;\n"
                + "create index t_note on t (note);";
        assertThat(unannounced(expand)).isEmpty();
        String contract = "alter table t drop column note;\nalter table t alter column id set not null;\n"
                + "alter table t rename to u;\nalter table u alter column id type text;";
        assertThat(unannounced(contract)).hasSize(4);
        assertThat(unannounced("-- contract: release 0.3 stopped reading t.note\n" + contract))
                .isEmpty();
    }
}
