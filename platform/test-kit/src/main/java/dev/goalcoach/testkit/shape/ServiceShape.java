package dev.goalcoach.testkit.shape;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The shape every service has, as rules a test checks against the service's compiled classes (docs/ARCHITECTURE.md,
 * "Inside a service"). A service's {@code ArchitectureTest} names its root package and the domain packages it adds;
 * {@link #tests()} gives one test per rule, so a failure names the rule and each class that breaks it.
 */
public final class ServiceShape {

    /** The packages every service may have under its root. */
    public static final List<String> LAYERS =
            List.of("api", "rest", "service", "repository", "messaging", "client", "config", "health");

    /** Types that reach a database: only repositories and declared data packages may use them. */
    static final Set<String> SQL_TYPES = Set.of(
            "java.sql.Connection",
            "java.sql.Statement",
            "java.sql.PreparedStatement",
            "java.sql.CallableStatement",
            "java.sql.ResultSet",
            "java.sql.DriverManager",
            "javax.sql.DataSource",
            "io.agroal.api.AgroalDataSource",
            "jakarta.persistence.EntityManager",
            "org.hibernate.reactive.mutiny.Mutiny$Session",
            "org.hibernate.reactive.mutiny.Mutiny$StatelessSession",
            "org.hibernate.reactive.mutiny.Mutiny$SessionFactory");

    static final List<String> SQL_PACKAGES = List.of("io.vertx.sqlclient.", "io.vertx.mutiny.sqlclient.");

    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String CONFIG_PROPERTY = "org.eclipse.microprofile.config.inject.ConfigProperty";
    private static final String CONFIG_MAPPING = "io.smallrye.config.ConfigMapping";

    private final String root;
    private final List<String> domain;
    private final List<String> data;

    private ServiceShape(String root, List<String> domain, List<String> data) {
        this.root = root;
        this.domain = domain;
        this.data = data;
    }

    /** The shape of the service whose classes live under {@code rootPackage}, with no domain package of its own. */
    public static ServiceShape of(String rootPackage) {
        return new ServiceShape(rootPackage, List.of(), List.of());
    }

    /**
     * Domain packages the service adds (named after what they hold: {@code metrics}, {@code offline}, {@code ai}).
     * Like the root package, they import no repository.
     */
    public ServiceShape domain(String... packages) {
        List<String> more = new ArrayList<>(domain);
        more.addAll(List.of(packages));
        return new ServiceShape(root, List.copyOf(more), data);
    }

    /**
     * Domain packages whose job is data access (the warehouse SQL of {@code metrics}, the loader of {@code loader}):
     * they may use a SQL client like {@code repository} does.
     */
    public ServiceShape data(String... packages) {
        List<String> more = new ArrayList<>(data);
        more.addAll(List.of(packages));
        return new ServiceShape(root, domain, List.copyOf(more));
    }

    /** Every rule, by name. */
    public Map<String, ArchRule> rules() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("packages follow the shape", packagesFollowTheShape());
        rules.put("service does not import rest", layerMustNotImport("service", "rest"));
        rules.put("domain imports no repository", domainImportsNoRepository());
        rules.put("client imports no service", layerMustNotImport("client", "service"));
        rules.put("rest does not import repository", layerMustNotImport("rest", "repository"));
        rules.put("api is records only the service's callers see", apiStandsAlone());
        rules.put("SQL only in repository and data packages", sqlOnlyInDataPackages());
        rules.put("one JAX-RS resource per file, in rest", resourcesInRest());
        rules.put("configuration by @ConfigMapping in config", configByMapping());
        return rules;
    }

    /** The service's main classes (tests and jars left out). */
    public JavaClasses mainClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
    }

    /** One test per rule over the service's main classes. */
    public Stream<DynamicTest> tests() {
        JavaClasses classes = mainClasses();
        return rules().entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(
                        rule.getKey(), () -> rule.getValue().check(classes)));
    }

    private String pkg(String name) {
        return root + "." + name + "..";
    }

    private String[] allowedPackages() {
        List<String> allowed = new ArrayList<>();
        allowed.add(root);
        Stream.of(LAYERS, domain, data)
                .flatMap(List::stream)
                .distinct()
                .map(this::pkg)
                .forEach(allowed::add);
        return allowed.toArray(String[]::new);
    }

    private ArchRule packagesFollowTheShape() {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .resideInAnyPackage(allowedPackages())
                .as("classes of " + root + " live in its root or in " + String.join(", ", allowedNames()))
                .allowEmptyShould(false);
    }

    private List<String> allowedNames() {
        return Stream.of(LAYERS, domain, data).flatMap(List::stream).distinct().toList();
    }

    private ArchRule layerMustNotImport(String layer, String other) {
        return noClasses()
                .that()
                .resideInAPackage(pkg(layer))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg(other))
                .allowEmptyShould(true);
    }

    private ArchRule apiStandsAlone() {
        return noClasses()
                .that()
                .resideInAPackage(pkg("api"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(Stream.of("rest", "service", "repository", "messaging", "client")
                        .map(this::pkg)
                        .toArray(String[]::new))
                .allowEmptyShould(true);
    }

    private ArchRule domainImportsNoRepository() {
        List<String> packages = new ArrayList<>();
        packages.add(root);
        domain.stream().map(this::pkg).forEach(packages::add);
        return noClasses()
                .that()
                .resideInAnyPackage(packages.toArray(String[]::new))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg("repository"))
                .allowEmptyShould(true);
    }

    private ArchRule sqlOnlyInDataPackages() {
        List<String> allowed = new ArrayList<>();
        allowed.add(pkg("repository"));
        data.stream().map(this::pkg).forEach(allowed::add);
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(allowed.toArray(String[]::new))
                .should()
                .dependOnClassesThat(SQL_ACCESS)
                .allowEmptyShould(true);
    }

    static final DescribedPredicate<JavaClass> SQL_ACCESS =
            DescribedPredicate.describe("reach a database (SQL client, JDBC, EntityManager, Mutiny.Session)", c -> {
                String name = c.getName();
                return SQL_TYPES.contains(name) || SQL_PACKAGES.stream().anyMatch(name::startsWith);
            });

    private ArchRule resourcesInRest() {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .areAnnotatedWith(PATH)
                .and()
                .areNotInterfaces()
                .should()
                .resideInAPackage(pkg("rest"))
                .andShould(beDeclaredInAFileOfTheirOwn())
                .allowEmptyShould(true);
    }

    /** A top-level class whose source file bears its name: not nested, not a second class in another's file. */
    static ArchCondition<JavaClass> beDeclaredInAFileOfTheirOwn() {
        return new ArchCondition<>("be declared in a file of their own") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String expected = c.getSimpleName() + ".java";
                String actual = c.getSource().flatMap(s -> s.getFileName()).orElse(expected);
                boolean ok = c.isTopLevelClass() && actual.equals(expected);
                events.add(new SimpleConditionEvent(
                        c,
                        ok,
                        c.getName() + (ok ? " is" : " is not") + " declared in " + expected + " (found in " + actual
                                + ")"));
            }
        };
    }

    private ArchRule configByMapping() {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .should(notInjectConfigProperty())
                .andShould(keepConfigMappingsInConfig())
                .allowEmptyShould(true);
    }

    static ArchCondition<JavaClass> notInjectConfigProperty() {
        return new ArchCondition<>("inject no @ConfigProperty (a @ConfigMapping in config instead)") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaField f : c.getFields()) {
                    if (f.isAnnotatedWith(CONFIG_PROPERTY)) {
                        events.add(SimpleConditionEvent.violated(f, f.getFullName() + " is a @ConfigProperty"));
                    }
                }
                for (JavaCodeUnit unit : c.getCodeUnits()) {
                    for (JavaParameter p : unit.getParameters()) {
                        if (p.isAnnotatedWith(CONFIG_PROPERTY)) {
                            events.add(SimpleConditionEvent.violated(
                                    p,
                                    unit.getFullName() + " takes a @ConfigProperty (parameter " + p.getIndex() + ")"));
                        }
                    }
                }
            }
        };
    }

    private ArchCondition<JavaClass> keepConfigMappingsInConfig() {
        String config = root + ".config";
        return new ArchCondition<>("keep @ConfigMapping interfaces in " + config) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (c.isAnnotatedWith(CONFIG_MAPPING) && !c.getPackageName().startsWith(config)) {
                    events.add(
                            SimpleConditionEvent.violated(c, c.getName() + " is a @ConfigMapping outside " + config));
                }
            }
        };
    }
}
