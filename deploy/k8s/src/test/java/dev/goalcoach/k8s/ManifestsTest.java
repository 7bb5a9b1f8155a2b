package dev.goalcoach.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests: the generated files are what the generator writes from today's topology and topics
 * ({@code -Dk8s.update=true} writes them), every overlay renders, and what it renders passes every rule a platform
 * team checks; each rule is shown to catch what it is for.
 */
class ManifestsTest {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    static JsonNode topology() throws IOException {
        return new ObjectMapper().readTree(ROOT.resolve("deploy/topology.json").toFile());
    }

    static List<ObjectNode> render(String dir) {
        return Kustomize.build(ROOT.resolve("deploy/k8s").resolve(dir));
    }

    @Test
    void theGeneratedFilesAreWhatTheTopologyAndTheTopicsGive() throws IOException {
        var files = Manifests.of(ROOT).files();
        boolean update = Boolean.getBoolean("k8s.update");
        var stale = new ArrayList<String>();
        for (var f : files.entrySet()) {
            Path p = ROOT.resolve(f.getKey());
            if (update) {
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            } else if (!Files.exists(p) || !Files.readString(p).equals(f.getValue())) {
                stale.add(f.getKey().toString());
            }
        }
        try (var listed = Files.list(ROOT.resolve(Manifests.BASE))) {
            listed.map(p -> ROOT.relativize(p))
                    .filter(p -> !files.containsKey(p))
                    .forEach(p -> stale.add(p + " (no longer generated)"));
        }
        assertThat(stale)
                .as("generated manifests out of date: ./mvnw -o verify -pl deploy/k8s -Dk8s.update=true")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyOverlayPassesEveryRule(String overlay) throws IOException {
        var objects = render(overlay);
        var topology = topology();
        assertThat(objects).extracting(o -> o.path("kind").asText()).contains("Deployment", "HTTPRoute", "KafkaTopic");
        assertThat(new ManifestRules(objects, topology)
                        .all(ManifestRules.settings(ROOT, topology), ManifestRules.metrics(ROOT)))
                .isEmpty();
        assertThat(objects)
                .allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText())
                        .isNotEmpty());
    }

    @Test
    void theIngressAlternativeRoutesToTheServicesToo() throws IOException {
        var objects = new ArrayList<>(render("overlays/dev"));
        objects.addAll(render("ingress"));
        var rules = new ManifestRules(objects, topology());
        assertThat(rules.routes()).isEmpty();
        var paths = objects.stream()
                .filter(o -> o.path("kind").asText().equals("Ingress"))
                .flatMap(o -> o.findValuesAsText("path").stream())
                .toList();
        var prefixes = new ArrayList<String>();
        topology().path("services").forEach(s -> s.path("routes").forEach(r -> prefixes.add(r.asText())));
        assertThat(paths).containsExactlyInAnyOrderElementsOf(prefixes);
    }

    /** This renderer and kubectl's kustomize agree object for object, where kubectl is installed. */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "ingress"})
    void kubectlRendersTheSame(String dir) throws Exception {
        Path kubectl = List.of("/usr/bin/kubectl", "/usr/local/bin/kubectl").stream()
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed: the rendering is not cross-checked");
        var process = new ProcessBuilder(
                        kubectl.toString(),
                        "kustomize",
                        ROOT.resolve("deploy/k8s").resolve(dir).toString())
                .redirectErrorStream(false)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(
                process.exitValue() == 0 || !err.contains("unknown command"), "this kubectl has no kustomize: " + err);
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(sorted(Kustomize.parse(out))).isEqualTo(sorted(render(dir)));
    }

    private static List<ObjectNode> sorted(List<ObjectNode> objects) {
        return objects.stream()
                .sorted(Comparator.comparing((ObjectNode o) -> o.path("kind").asText())
                        .thenComparing(o -> o.path("metadata").path("name").asText()))
                .toList();
    }

    @Test
    void eachRuleCatchesWhatItIsFor() throws IOException {
        var topology = topology();
        var settings = ManifestRules.settings(ROOT, topology);

        var noProbe = render("overlays/dev");
        container(noProbe, "goal-service").remove("readinessProbe");
        assertThat(new ManifestRules(noProbe, topology).deployments())
                .containsExactly("goal-service/goal-service: no readiness probe on /q/health/ready");

        var missingService = render("overlays/dev");
        ((ObjectNode) object(missingService, "HTTPRoute", "coach-service").at("/spec/rules/0/backendRefs/0"))
                .put("name", "coach");
        assertThat(new ManifestRules(missingService, topology).routes())
                .contains("HTTPRoute coach-service: no Service coach with port 8083")
                .anyMatch(p -> p.startsWith("the topology's /chat is not routed to coach-service"));

        var noTopic = new ArrayList<>(render("overlays/dev"));
        noTopic.remove(object(noTopic, "KafkaTopic", "goalcoach.mentor"));
        assertThat(new ManifestRules(noTopic, topology).topics())
                .containsExactly("topic goalcoach.mentor has no KafkaTopic");

        var inline = render("overlays/dev");
        ((ArrayNode) container(inline, "member-service").path("env"))
                .addObject()
                .put("name", "GOALCOACH_ADMIN_PASSWORD")
                .put("value", "hunter2");
        assertThat(new ManifestRules(inline, topology).noInlineSecrets())
                .containsExactly("member-service: GOALCOACH_ADMIN_PASSWORD is set inline");

        var noBroker = render("overlays/dev");
        ((ObjectNode) object(noBroker, "ConfigMap", "goalcoach-config").path("data")).remove("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(new ManifestRules(noBroker, topology).settings(settings))
                .hasSize(6)
                .allMatch(p -> p.contains("KAFKA_BOOTSTRAP_SERVERS is not set"));

        var misspelt = render("overlays/dev");
        container(misspelt, "mentor-service")
                .set("readinesProbe", container(misspelt, "mentor-service").path("readinessProbe"));
        ((ObjectNode) object(misspelt, "KafkaTopic", "goalcoach.checkins").path("spec")).put("partition", 6);
        assertThat(new ManifestRules(misspelt, topology).readable())
                .hasSize(2)
                .anyMatch(p -> p.startsWith("Deployment mentor-service: ") && p.contains("readinesProbe"))
                .anyMatch(p -> p.startsWith("KafkaTopic goalcoach.checkins: ") && p.contains("partition"));

        var typo = render("overlays/dev");
        var rule = (ObjectNode) object(typo, "PrometheusRule", "goalcoach").at("/spec/groups/0/rules/1");
        rule.put("expr", rule.path("expr").asText().replace("goalcoach_outbox_backlog", "goalcoach_outbox_backlogs"));
        assertThat(ManifestRules.metrics(ROOT)).contains("goalcoach_outbox_backlog", "goalcoach_sync_consumer_lag");
        assertThat(new ManifestRules(typo, topology).alerts(ManifestRules.metrics(ROOT)))
                .containsExactly(
                        "alert GoalCoachOutboxBacklog reads goalcoach_outbox_backlogs, which no service registers");

        var halfOnSnowflake = render("overlays/prod");
        assertThat(new ManifestRules(halfOnSnowflake, topology).warehouse()).isEmpty();
        var analyticsEnv =
                (ArrayNode) container(halfOnSnowflake, "analytics-service").path("env");
        for (int i = analyticsEnv.size() - 1; i >= 0; i--) {
            if (analyticsEnv.get(i).path("name").asText().equals("GOALCOACH_WAREHOUSE_DIALECT")) {
                analyticsEnv.remove(i);
            }
        }
        var syncMounts = (ArrayNode) container(halfOnSnowflake, "sync-service").path("volumeMounts");
        syncMounts.remove(syncMounts.size() - 1);
        assertThat(new ManifestRules(halfOnSnowflake, topology).warehouse())
                .containsExactly(
                        "sync-service: on Snowflake, GOALCOACH_WAREHOUSE_PRIVATE_KEY_FILE names a file on a mounted"
                                + " Secret",
                        "the warehouse differs: {analytics-service=postgres, sync-service=snowflake}");

        var closed = render("overlays/dev");
        var egress = (ObjectNode)
                object(closed, "NetworkPolicy", "goalcoach-services-egress").path("spec");
        ((ArrayNode) egress.path("egress")).remove(0); // DNS
        var ingress = (ObjectNode)
                object(closed, "NetworkPolicy", "goalcoach-services-ingress").at("/spec/ingress/0");
        ((ArrayNode) ingress.path("from")).remove(0); // the Gateway's pods
        assertThat(new ManifestRules(closed, topology).networkPolicies())
                .hasSize(12)
                .contains("goal-service: no ingress from the Gateway's pods on its http port")
                .contains("sync-service: no egress to DNS");
        var open = new ArrayList<>(render("overlays/dev"));
        open.remove(object(open, "NetworkPolicy", "default-deny-ingress"));
        assertThat(new ManifestRules(open, topology).networkPolicies())
                .containsExactly("no default-deny ingress policy");

        var noDatabase = new ArrayList<>(render("overlays/dev"));
        noDatabase.remove(object(noDatabase, "Database", "goalcoach-mentor"));
        assertThat(new ManifestRules(noDatabase, topology).databases())
                .containsExactly("mentor-service: database goalcoach_mentor is not created");
    }

    /** The one Dockerfile's image runs as the user the pods require and exposes every service's port. */
    @Test
    void theImageFitsTheManifests() throws IOException {
        var dockerfile = Files.readAllLines(ROOT.resolve("deploy/docker/Dockerfile.jvm"));
        String user = dockerfile.stream()
                .filter(l -> l.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElseThrow()
                .substring(5)
                .trim();
        String exposed = dockerfile.stream()
                .filter(l -> l.startsWith("EXPOSE "))
                .findFirst()
                .orElseThrow();
        for (ObjectNode d : render("overlays/prod").stream()
                .filter(o -> o.path("kind").asText().equals("Deployment"))
                .toList()) {
            assertThat(d.at("/spec/template/spec/securityContext/runAsUser").asText())
                    .isEqualTo(user);
            assertThat(exposed)
                    .contains(d.at("/spec/template/spec/containers/0/ports/0/containerPort")
                            .asText());
        }
    }

    static ObjectNode object(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static ObjectNode container(List<ObjectNode> objects, String deployment) {
        return (ObjectNode) object(objects, "Deployment", deployment).at("/spec/template/spec/containers/0");
    }
}
