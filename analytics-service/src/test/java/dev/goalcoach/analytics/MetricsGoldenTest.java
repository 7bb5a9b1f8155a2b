package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.analytics.metrics.MetricsEngine;
import dev.goalcoach.analytics.metrics.MetricsSchema;
import dev.goalcoach.analytics.metrics.ReadSql;
import dev.goalcoach.warehouse.Dialect;
import dev.goalcoach.warehouse.PostgresDialect;
import dev.goalcoach.warehouse.SnowflakeDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every statement of the metrics schema, of a refresh and of the service's reads, in each dialect, against a reviewed copy in {@code
 * src/test/resources/golden/}: a change to the metrics SQL shows up as a diff to read. PostgreSQL's statements also
 * run in every other test here; Snowflake's are sent by the real driver in {@code SnowflakeMetricsTest} but run
 * nowhere in this build, so this file is what a reviewer checks them by. After a deliberate change: {@code ./mvnw
 * -pl analytics-service verify -Dtest=MetricsGoldenTest -Dgolden.update=true}.
 */
@Tag("unit")
class MetricsGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "snowflake"})
    void theMetricsSqlIsTheReviewedOne(String name) throws IOException {
        Dialect dialect = name.equals("postgres") ? new PostgresDialect() : new SnowflakeDialect();
        var engine = new MetricsEngine(dialect);
        var out = new StringBuilder();
        for (var version : MetricsSchema.versions(dialect)) {
            out.append("\n-- analytics_schema, version ")
                    .append(version.number())
                    .append('\n');
            version.statements().forEach(s -> out.append(s).append(";\n"));
        }
        out.append("\n-- a refresh of some members (the ids bound as one comma-separated text)\n");
        engine.statements(false).forEach(s -> out.append(s).append(";\n"));
        out.append("\n-- a refresh of everyone: what differs\n");
        var some = new ArrayList<>(engine.statements(false));
        engine.statements(true).stream()
                .filter(s -> !some.contains(s))
                .forEach(s -> out.append(s).append(";\n"));
        out.append("\n-- what the service reads (and its outbox and leases)\n");
        new ReadSql(dialect)
                .all()
                .forEach((what, statement) -> out.append("-- ")
                        .append(what)
                        .append('\n')
                        .append(statement)
                        .append(";\n"));
        String actual = out.toString();

        Path golden = Path.of("src/test/resources/golden/metrics-" + name + ".sql");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
