package dev.goalcoach.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every statement each dialect sends, against a reviewed copy in {@code src/test/resources/golden/}: a change to
 * the warehouse SQL shows up as a diff to read. The PostgreSQL statements also run in every other test here;
 * Snowflake's run nowhere in this build (no Snowflake here), so this file is what a reviewer checks them by.
 * After a deliberate change: {@code ./mvnw -pl platform/warehouse verify -Dtest=DialectGoldenTest -Dgolden.update=true}.
 */
@Tag("unit")
class DialectGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "snowflake"})
    void theWarehouseSqlIsTheReviewedOne(String name) throws IOException {
        Dialect dialect = name.equals("postgres") ? new PostgresDialect() : new SnowflakeDialect();
        var statements = new ArrayList<String>();
        statements.add("-- schema, version 1");
        statements.addAll(dialect.createSchema());
        statements.add("-- staging tables, per connection");
        statements.addAll(dialect.createStaging());
        statements.add("-- one merge per table, in this order");
        Schema.LOADED.forEach(t -> statements.add(dialect.merge(t)));
        statements.add("-- after erasures");
        statements.addAll(Schema.afterErasures());
        statements.add("-- after deletions");
        statements.addAll(Schema.afterDeletions());
        statements.add("-- after goal snapshots");
        statements.addAll(Schema.afterGoals());
        statements.add("-- replay");
        statements.addAll(Schema.replayTruncates());
        String actual = render(statements);

        Path golden = Path.of("src/test/resources/golden/" + name + ".sql");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }

    private static String render(List<String> statements) {
        var out = new StringBuilder();
        for (String s : statements) {
            out.append(s.startsWith("--") ? "\n" + s + "\n" : s + ";\n");
        }
        return out.toString();
    }
}
