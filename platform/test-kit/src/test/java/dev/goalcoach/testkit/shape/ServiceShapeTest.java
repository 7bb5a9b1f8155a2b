package dev.goalcoach.testkit.shape;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules hold for a small service in the shape, and each one fails for a fixture that breaks it (and only it):
 * the proof that the architecture test every service runs can fail.
 */
@Tag("unit")
class ServiceShapeTest {

    private static final String FIXTURES = "dev.goalcoach.testkit.shape.fixture.";

    @Test
    void aServiceInTheShapeBreaksNoRule() {
        assertThat(violated("good")).isEmpty();
    }

    @ParameterizedTest(name = "{0} breaks \"{1}\"")
    @CsvSource({
        "stray, packages follow the shape",
        "servicerest, service does not import rest",
        "domainrepo, domain imports no repository",
        "clientservice, client imports no service",
        "restrepo, rest does not import repository",
        "apiservice, api is records only the service's callers see",
        "sql, SQL only in repository and data packages",
        "resources, 'one JAX-RS resource per file, in rest'",
        "config, configuration by @ConfigMapping in config",
    })
    void eachRuleFailsWhenBroken(String fixture, String rule) {
        Map<String, String> violated = violated(fixture);
        assertThat(violated).containsOnlyKeys(rule);
        assertThat(violated.get(rule)).contains(FIXTURES + fixture);
    }

    @Test
    void aDataPackageMayUseSqlAndADomainPackageIsAllowed() {
        ServiceShape shape = ServiceShape.of(FIXTURES + "sql").data("service");
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "sql");
        assertThat(shape.rules()
                        .get("SQL only in repository and data packages")
                        .evaluate(classes)
                        .hasViolation())
                .isFalse();
        ServiceShape strayAllowed = ServiceShape.of(FIXTURES + "stray").domain("misc");
        JavaClasses stray = new ClassFileImporter().importPackages(FIXTURES + "stray");
        assertThat(strayAllowed
                        .rules()
                        .get("packages follow the shape")
                        .evaluate(stray)
                        .hasViolation())
                .isFalse();
    }

    /** Rule name → its report, for each rule the fixture breaks. */
    private static Map<String, String> violated(String fixture) {
        String root = FIXTURES + fixture;
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        assertThat(classes).isNotEmpty();
        Map<String, String> violated = new TreeMap<>();
        ServiceShape.of(root).rules().forEach((name, rule) -> {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                violated.put(name, String.join("\n", result.getFailureReport().getDetails()));
            }
        });
        return violated;
    }
}
