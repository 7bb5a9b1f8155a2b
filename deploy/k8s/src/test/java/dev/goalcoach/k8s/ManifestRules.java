package dev.goalcoach.k8s;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goalcoach.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a platform team checks in rendered manifests, each rule a list of problems (empty: passed), so a test can
 * show a rule catching what it is meant to catch. Core objects are read with the fabric8 Kubernetes model (a field
 * of the wrong type fails the reading); the custom resources (Strimzi, CloudNativePG) structurally.
 */
final class ManifestRules {

    /**
     * Reads an object into its model class strictly: the models keep unknown fields in an "additional properties"
     * map (so a misspelt {@code readinesProbe} would be kept, not refused); here that map is taken away, so an
     * unknown field fails the reading like a field of the wrong type.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(
                        DeserializationConfig config, BeanDescription description, BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }))
            .build();

    /** For the other rules, which read what they check and leave unknown fields to {@link #readable()}. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Names of variables whose values are secrets: never inline in a manifest. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|API_KEY|TOKEN|CLIENTS)$");

    private final List<ObjectNode> objects;
    private final JsonNode topology;

    ManifestRules(List<ObjectNode> objects, JsonNode topology) {
        this.objects = objects;
        this.topology = topology;
    }

    List<String> all(Map<String, Map<String, String>> settingsByService, Set<String> metrics) {
        var problems = new ArrayList<String>();
        problems.addAll(deployments());
        problems.addAll(servicesAndScaling());
        problems.addAll(routes());
        problems.addAll(topics());
        problems.addAll(readable());
        problems.addAll(databases());
        problems.addAll(noInlineSecrets());
        problems.addAll(warehouse());
        problems.addAll(networkPolicies());
        problems.addAll(settings(settingsByService));
        problems.addAll(alerts(metrics));
        return problems;
    }

    private List<ObjectNode> ofKind(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    private static <T> T as(ObjectNode o, Class<T> type) {
        return JSON.convertValue(o, type);
    }

    /** Three probes on the health endpoints, requests and limits, a non-root read-only container. */
    List<String> deployments() {
        var problems = new ArrayList<String>();
        for (ObjectNode o : ofKind("Deployment")) {
            var d = as(o, Deployment.class);
            String name = d.getMetadata().getName();
            var pod = d.getSpec().getTemplate().getSpec();
            var podSecurity = pod.getSecurityContext();
            if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
                problems.add(name + ": the pod does not set runAsNonRoot");
            }
            for (Container c : pod.getContainers()) {
                String where = name + "/" + c.getName();
                probe(problems, where, "startup", c.getStartupProbe(), "/q/health/started");
                probe(problems, where, "readiness", c.getReadinessProbe(), "/q/health/ready");
                probe(problems, where, "liveness", c.getLivenessProbe(), "/q/health/live");
                var r = c.getResources();
                if (r == null
                        || r.getRequests() == null
                        || !r.getRequests().containsKey("cpu")
                        || !r.getRequests().containsKey("memory")
                        || r.getLimits() == null
                        || !r.getLimits().containsKey("memory")) {
                    problems.add(where + ": needs cpu and memory requests and a memory limit");
                }
                var s = c.getSecurityContext();
                if (s == null
                        || !Boolean.TRUE.equals(s.getReadOnlyRootFilesystem())
                        || !Boolean.FALSE.equals(s.getAllowPrivilegeEscalation())) {
                    problems.add(where + ": needs a read-only root file system and no privilege escalation");
                }
                if (c.getImage() == null || !c.getImage().contains(":")) {
                    problems.add(where + ": the image has no tag (" + c.getImage() + ")");
                }
            }
        }
        return problems;
    }

    private static void probe(List<String> problems, String where, String kind, Probe p, String path) {
        if (p == null || p.getHttpGet() == null || !path.equals(p.getHttpGet().getPath())) {
            problems.add(where + ": no " + kind + " probe on " + path);
        }
    }

    /** A Service, an autoscaler and a disruption budget for every Deployment, each selecting its pods. */
    List<String> servicesAndScaling() {
        var problems = new ArrayList<String>();
        var services = ofKind("Service").stream().map(o -> as(o, Service.class)).toList();
        var hpas = ofKind("HorizontalPodAutoscaler").stream()
                .map(o -> as(o, HorizontalPodAutoscaler.class))
                .toList();
        var pdbs = ofKind("PodDisruptionBudget").stream()
                .map(o -> as(o, PodDisruptionBudget.class))
                .toList();
        for (ObjectNode o : ofKind("Deployment")) {
            var d = as(o, Deployment.class);
            String name = d.getMetadata().getName();
            Map<String, String> podLabels =
                    d.getSpec().getTemplate().getMetadata().getLabels();
            if (services.stream().noneMatch(s -> selects(s.getSpec().getSelector(), podLabels))) {
                problems.add(name + ": no Service selects its pods");
            }
            if (hpas.stream()
                    .noneMatch(h -> name.equals(h.getSpec().getScaleTargetRef().getName())
                            && h.getSpec().getMetrics().stream()
                                    .anyMatch(m -> m.getResource() != null
                                            && "cpu".equals(m.getResource().getName())))) {
                problems.add(name + ": no HorizontalPodAutoscaler scales it on CPU");
            }
            if (pdbs.stream().noneMatch(p -> selects(p.getSpec().getSelector().getMatchLabels(), podLabels))) {
                problems.add(name + ": no PodDisruptionBudget covers it");
            }
        }
        return problems;
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null
                && !selector.isEmpty()
                && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }

    /**
     * Every HTTPRoute (and Ingress path) reaches an existing Service on a port it has, and every route prefix of
     * the topology is routed, to its service.
     */
    List<String> routes() {
        var problems = new ArrayList<String>();
        var ports = new HashMap<String, Set<Object>>();
        for (ObjectNode o : ofKind("Service")) {
            var s = as(o, Service.class);
            var p = ports.computeIfAbsent(s.getMetadata().getName(), n -> new HashSet<>());
            s.getSpec().getPorts().forEach(port -> {
                p.add(port.getPort());
                p.add(port.getName());
            });
        }
        var routed = new HashMap<String, String>();
        for (ObjectNode o : ofKind("HTTPRoute")) {
            var route = as(o, HTTPRoute.class);
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                for (HTTPBackendRef ref : rule.getBackendRefs()) {
                    if (!ports.getOrDefault(ref.getName(), Set.of()).contains(ref.getPort())) {
                        problems.add("HTTPRoute " + route.getMetadata().getName() + ": no Service " + ref.getName()
                                + " with port " + ref.getPort());
                    }
                    for (HTTPRouteMatch m : rule.getMatches()) {
                        routed.put(m.getPath().getValue(), ref.getName());
                    }
                }
            }
        }
        for (ObjectNode o : ofKind("Ingress")) {
            var ingress = as(o, Ingress.class);
            ingress.getSpec()
                    .getRules()
                    .forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                        var svc = path.getBackend().getService();
                        Object port = svc.getPort().getName() != null
                                ? svc.getPort().getName()
                                : svc.getPort().getNumber();
                        if (!ports.getOrDefault(svc.getName(), Set.of()).contains(port)) {
                            problems.add("Ingress: no Service " + svc.getName() + " with port " + port);
                        }
                    }));
        }
        if (!ofKind("HTTPRoute").isEmpty()) {
            for (JsonNode s : topology.path("services")) {
                for (JsonNode prefix : s.path("routes")) {
                    String to = routed.get(prefix.asText());
                    if (!s.path("name").asText().equals(to)) {
                        problems.add("the topology's " + prefix.asText() + " is not routed to "
                                + s.path("name").asText() + (to == null ? "" : " (it goes to " + to + ")"));
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Every object reads strictly into its model: core objects, Gateway API routes and the Prometheus Operator's
     * objects into fabric8's, Strimzi's into Strimzi's own (io.strimzi:api). A misspelt or misplaced field is a
     * problem naming the object. CloudNativePG publishes no Java model: its objects are checked by the rules below.
     */
    List<String> readable() {
        var models = new HashMap<String, Class<?>>();
        models.put("Deployment", Deployment.class);
        models.put("Service", Service.class);
        models.put("ConfigMap", ConfigMap.class);
        models.put("ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class);
        models.put("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        models.put("PodDisruptionBudget", PodDisruptionBudget.class);
        models.put("HTTPRoute", HTTPRoute.class);
        models.put("Gateway", io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class);
        models.put("Ingress", Ingress.class);
        models.put("NetworkPolicy", NetworkPolicy.class);
        models.put("PodMonitor", io.fabric8.openshift.api.model.monitoring.v1.PodMonitor.class);
        models.put("PrometheusRule", io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class);
        models.put("Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class);
        models.put("KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class);
        models.put("KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class);
        var problems = new ArrayList<String>();
        for (ObjectNode o : objects) {
            Class<?> model = models.get(o.path("kind").asText());
            if (model == null) {
                continue;
            }
            try {
                STRICT.convertValue(o, model);
            } catch (IllegalArgumentException e) {
                problems.add(o.path("kind").asText() + " "
                        + o.path("metadata").path("name").asText() + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return problems;
    }

    /** A KafkaTopic of an existing Kafka cluster for every topic the code uses; no topic the code does not know. */
    List<String> topics() {
        var problems = new ArrayList<String>();
        var clusters = ofKind("Kafka").stream()
                .map(o -> o.path("metadata").path("name").asText())
                .toList();
        if (clusters.isEmpty()) {
            problems.add("no Kafka cluster");
        }
        var declared = new HashSet<String>();
        for (ObjectNode o : ofKind("KafkaTopic")) {
            String name = o.path("spec")
                    .path("topicName")
                    .asText(o.path("metadata").path("name").asText());
            declared.add(name);
            if (!clusters.contains(
                    o.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                problems.add("KafkaTopic " + name + ": its strimzi.io/cluster label names no Kafka here");
            }
            if (o.path("spec").path("partitions").asInt() < 1) {
                problems.add("KafkaTopic " + name + ": no partitions");
            }
            if (!Topics.ALL.contains(name)) {
                problems.add("KafkaTopic " + name + ": not a topic of the event catalog");
            }
        }
        for (String topic : Topics.ALL) {
            if (!declared.contains(topic)) {
                problems.add("topic " + topic + " has no KafkaTopic");
            }
        }
        return problems;
    }

    /** Every service's database exists in the CloudNativePG cluster the Deployments connect to. */
    List<String> databases() {
        var problems = new ArrayList<String>();
        var clusters = ofKind("Cluster").stream()
                .map(o -> o.path("metadata").path("name").asText())
                .toList();
        var databases = new HashSet<String>();
        for (ObjectNode o : ofKind("Database")) {
            if (!clusters.contains(o.path("spec").path("cluster").path("name").asText())) {
                problems.add("Database " + o.path("spec").path("name").asText() + ": no such Cluster");
            }
            databases.add(o.path("spec").path("name").asText());
        }
        for (JsonNode s : topology.path("services")) {
            if (!databases.contains(s.path("database").asText())) {
                problems.add(s.path("name").asText() + ": database "
                        + s.path("database").asText() + " is not created");
            }
        }
        return problems;
    }

    /** No Secret object, no secret-named variable with an inline value, no secret-named key in a ConfigMap. */
    List<String> noInlineSecrets() {
        var problems = new ArrayList<String>();
        if (!ofKind("Secret").isEmpty()) {
            problems.add("a Secret is committed: secrets are created in the cluster, referenced here");
        }
        for (ObjectNode o : ofKind("ConfigMap")) {
            var cm = as(o, ConfigMap.class);
            cm.getData().keySet().stream()
                    .filter(k -> SECRET_NAME.matcher(k).matches())
                    .forEach(k -> problems.add("ConfigMap " + cm.getMetadata().getName() + " holds " + k));
        }
        for (ObjectNode o : ofKind("Deployment")) {
            var d = as(o, Deployment.class);
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar e : c.getEnv()) {
                    if (SECRET_NAME.matcher(e.getName()).matches() && e.getValue() != null) {
                        problems.add(d.getMetadata().getName() + ": " + e.getName() + " is set inline");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Ingress is denied unless allowed (a policy selecting every pod with no rule), and what the suite needs is
     * allowed: each service's HTTP port from the Gateway's pods; each service's egress to DNS, PostgreSQL and Kafka;
     * PostgreSQL's port from the services.
     */
    List<String> networkPolicies() {
        var problems = new ArrayList<String>();
        var policies = ofKind("NetworkPolicy").stream()
                .map(o -> as(o, NetworkPolicy.class))
                .toList();
        boolean denied = policies.stream()
                .anyMatch(p -> everyPod(p.getSpec().getPodSelector())
                        && p.getSpec().getPolicyTypes().contains("Ingress")
                        && p.getSpec().getIngress().isEmpty());
        if (!denied) {
            problems.add("no default-deny ingress policy");
        }
        Map<String, String> gateway = Map.of("gateway.networking.k8s.io/gateway-name", "goalcoach");
        Map<String, String> database = Map.of("cnpg.io/cluster", "goalcoach-db");
        Map<String, String> kafka = Map.of("strimzi.io/cluster", "goalcoach", "strimzi.io/kind", "Kafka");
        Map<String, String> anyService = null;
        for (ObjectNode o : ofKind("Deployment")) {
            var d = as(o, Deployment.class);
            String name = d.getMetadata().getName();
            var labels = d.getSpec().getTemplate().getMetadata().getLabels();
            anyService = labels;
            var mine = policies.stream()
                    .filter(p -> selects(p.getSpec().getPodSelector(), labels))
                    .toList();
            boolean fromGateway = mine.stream()
                    .flatMap(p -> p.getSpec().getIngress().stream())
                    .anyMatch(r -> allows(r.getPorts(), "http")
                            && r.getFrom().stream().anyMatch(peer -> peerSelects(peer, gateway)));
            if (!fromGateway) {
                problems.add(name + ": no ingress from the Gateway's pods on its http port");
            }
            var egress = mine.stream()
                    .filter(p -> p.getSpec().getPolicyTypes().contains("Egress"))
                    .flatMap(p -> p.getSpec().getEgress().stream())
                    .toList();
            if (!egress.isEmpty()
                    || mine.stream().anyMatch(p -> p.getSpec().getPolicyTypes().contains("Egress"))) {
                if (egress.stream().noneMatch(r -> allows(r.getPorts(), 53))) {
                    problems.add(name + ": no egress to DNS");
                }
                if (egress.stream()
                        .noneMatch(r -> allows(r.getPorts(), 5432)
                                && r.getTo().stream().anyMatch(peer -> peerSelects(peer, database)))) {
                    problems.add(name + ": no egress to PostgreSQL");
                }
                if (egress.stream()
                        .noneMatch(r -> allows(r.getPorts(), 9092)
                                && r.getTo().stream().anyMatch(peer -> peerSelects(peer, kafka)))) {
                    problems.add(name + ": no egress to Kafka");
                }
            }
        }
        var services = anyService;
        boolean databaseReachable = policies.stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), database))
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(r -> allows(r.getPorts(), 5432)
                        && r.getFrom().stream().anyMatch(peer -> services != null && peerSelects(peer, services)));
        if (!databaseReachable) {
            problems.add("PostgreSQL's pods take no connection from the services");
        }
        return problems;
    }

    private static boolean everyPod(LabelSelector selector) {
        return selector == null
                || (selector.getMatchLabels().isEmpty()
                        && selector.getMatchExpressions().isEmpty());
    }

    /** Whether a selector selects pods with these labels (matchLabels; matchExpressions In, NotIn, Exists). */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        if (!labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (var e : selector.getMatchExpressions()) {
            String value = labels.get(e.getKey());
            boolean ok = switch (e.getOperator()) {
                case "In" -> value != null && e.getValues().contains(value);
                case "NotIn" -> value == null || !e.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A peer of the policy's own namespace selecting pods with these labels. */
    private static boolean peerSelects(NetworkPolicyPeer peer, Map<String, String> labels) {
        return peer.getNamespaceSelector() == null
                && peer.getIpBlock() == null
                && selects(peer.getPodSelector(), labels);
    }

    /** Whether the ports allow {@code port} (a number or a name; no ports: every port). */
    private static boolean allows(List<NetworkPolicyPort> ports, Object port) {
        return ports.isEmpty()
                || ports.stream()
                        .anyMatch(p -> p.getPort() != null
                                && (port instanceof Integer n
                                        ? n.equals(p.getPort().getIntVal())
                                        : port.equals(p.getPort().getStrVal())));
    }

    /** The services that share the warehouse: one loads it, the other computes and reads in it. */
    static final List<String> WAREHOUSE_SERVICES = List.of("sync-service", "analytics-service");

    /**
     * sync-service and analytics-service use the same warehouse (a loader on Snowflake beside metrics computed in an
     * empty PostgreSQL warehouse would show everyone at nothing); on Snowflake each has its URL and user from a
     * Secret and its key file on a mounted Secret volume.
     */
    List<String> warehouse() {
        var problems = new ArrayList<String>();
        var configMaps = new HashMap<String, Map<String, String>>();
        for (ObjectNode o : ofKind("ConfigMap")) {
            var cm = as(o, ConfigMap.class);
            configMaps.put(cm.getMetadata().getName(), cm.getData());
        }
        var dialects = new java.util.LinkedHashMap<String, String>();
        for (ObjectNode o : ofKind("Deployment")) {
            var d = as(o, Deployment.class);
            String name = d.getMetadata().getName();
            if (!WAREHOUSE_SERVICES.contains(name)) {
                continue;
            }
            var pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            var env = new HashMap<String, EnvVar>();
            c.getEnv().forEach(e -> env.put(e.getName(), e));
            String dialect = "postgres";
            for (var from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    dialect = configMaps
                            .getOrDefault(from.getConfigMapRef().getName(), Map.of())
                            .getOrDefault("GOALCOACH_WAREHOUSE_DIALECT", dialect);
                }
            }
            if (env.containsKey("GOALCOACH_WAREHOUSE_DIALECT")) {
                dialect = env.get("GOALCOACH_WAREHOUSE_DIALECT").getValue();
            }
            dialects.put(name, dialect);
            if (!"snowflake".equals(dialect)) {
                continue;
            }
            for (String variable : List.of("GOALCOACH_WAREHOUSE_URL", "GOALCOACH_WAREHOUSE_USER")) {
                var e = env.get(variable);
                if (e == null || e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null) {
                    problems.add(name + ": on Snowflake, " + variable + " comes from a Secret");
                }
            }
            var key = env.get("GOALCOACH_WAREHOUSE_PRIVATE_KEY_FILE");
            String file = key == null ? null : key.getValue();
            boolean mounted = file != null
                    && c.getVolumeMounts().stream()
                            .anyMatch(m -> file.startsWith(m.getMountPath() + "/")
                                    && pod.getVolumes().stream()
                                            .anyMatch(v -> v.getName().equals(m.getName()) && v.getSecret() != null));
            if (!mounted) {
                problems.add(name + ": on Snowflake, GOALCOACH_WAREHOUSE_PRIVATE_KEY_FILE names a file on a mounted"
                        + " Secret");
            }
        }
        if (dialects.values().stream().distinct().count() > 1) {
            problems.add("the warehouse differs: " + dialects);
        }
        return problems;
    }

    /**
     * Every setting a service reads whose default only works on one machine (a loopback address, a file under
     * ./run's state directory) is set for it: in its Deployment's env or the ConfigMap it reads.
     */
    List<String> settings(Map<String, Map<String, String>> settingsByService) {
        var problems = new ArrayList<String>();
        var configMaps = new HashMap<String, Set<String>>();
        for (ObjectNode o : ofKind("ConfigMap")) {
            var cm = as(o, ConfigMap.class);
            configMaps.put(cm.getMetadata().getName(), cm.getData().keySet());
        }
        for (ObjectNode o : ofKind("Deployment")) {
            var d = as(o, Deployment.class);
            String name = d.getMetadata().getName();
            var set = new HashSet<String>();
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                c.getEnv().forEach(e -> set.add(e.getName()));
                c.getEnvFrom().stream()
                        .filter(f -> f.getConfigMapRef() != null)
                        .forEach(f -> set.addAll(
                                configMaps.getOrDefault(f.getConfigMapRef().getName(), Set.of())));
            }
            var read = settingsByService.get(name);
            if (read == null) {
                problems.add(name + ": no settings known for it");
                continue;
            }
            read.forEach((variable, fallback) -> {
                if (!set.contains(variable) && local(fallback, set)) {
                    problems.add(name + ": " + variable + " is not set (its default, " + fallback + ", is ./run's)");
                }
            });
        }
        return problems;
    }

    private static final Pattern GOALCOACH_METRIC = Pattern.compile("goalcoach_[a-z0-9_]+");

    private static final List<String> SUFFIXES =
            List.of("", "_total", "_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket");

    /** Every goalcoach_* metric an alert reads is one the code registers (under Prometheus's name for it). */
    List<String> alerts(Set<String> registered) {
        var problems = new ArrayList<String>();
        for (ObjectNode o : ofKind("PrometheusRule")) {
            for (JsonNode group : o.path("spec").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    var m = GOALCOACH_METRIC.matcher(rule.path("expr").asText());
                    while (m.find()) {
                        String metric = m.group();
                        if (SUFFIXES.stream()
                                .noneMatch(suffix -> metric.endsWith(suffix)
                                        && registered.contains(
                                                metric.substring(0, metric.length() - suffix.length())))) {
                            problems.add("alert " + rule.path("alert").asText() + " reads " + metric
                                    + ", which no service registers");
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static final Pattern METER =
            Pattern.compile("(?:builder|gauge|counter|timer|summary)\\(\\s*\"(goalcoach[._][a-z0-9_.]+)\"");

    /** The metric names the code registers with Micrometer, as Prometheus names them (dots become underscores). */
    static Set<String> metrics(Path root) {
        var names = new HashSet<String>();
        try (var dirs = Files.list(root)) {
            dirs.filter(d -> d.getFileName().toString().endsWith("-service")
                            || d.getFileName().toString().equals("platform"))
                    .forEach(d -> names.addAll(metricsUnder(d)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static Set<String> metricsUnder(Path dir) {
        var names = new HashSet<String>();
        try (var files = Files.walk(dir)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .forEach(p -> {
                        try {
                            var m = METER.matcher(Files.readString(p));
                            while (m.find()) {
                                names.add(m.group(1).replace('.', '_'));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::(.*))?}");

    /** Whether a default falls back, through the variables not set, to something only ./run's machine has. */
    static boolean local(String fallback, Set<String> set) {
        if (fallback == null) {
            return true;
        }
        var m = REFERENCE.matcher(fallback);
        if (m.matches()) {
            return !set.contains(m.group(1)) && local(m.group(2), set);
        }
        return fallback.contains("127.0.0.1") || fallback.contains("localhost") || fallback.contains(".goalcoach/");
    }

    /**
     * What each service reads from the environment ({@code ${VAR:default}} in its application.properties and its
     * kits' microprofile-config.properties), by variable, with its default (null when it has none).
     */
    static Map<String, Map<String, String>> settings(Path root, JsonNode topology) {
        var kits = new ArrayList<Path>();
        for (String kit : List.of("web-kit", "service-kit", "ai-kit")) {
            kits.add(root.resolve("platform/" + kit + "/src/main/resources/META-INF/microprofile-config.properties"));
        }
        var out = new HashMap<String, Map<String, String>>();
        for (JsonNode s : topology.path("services")) {
            String name = s.path("name").asText();
            var files = new ArrayList<Path>(kits);
            files.add(root.resolve(name + "/src/main/resources/application.properties"));
            var read = new HashMap<String, String>();
            for (Path f : files) {
                if (!Files.exists(f)) {
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(f)) {
                        int eq = line.indexOf('=');
                        if (line.startsWith("#") || eq < 0) {
                            continue;
                        }
                        collect(line.substring(eq + 1).trim(), read);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            out.put(name, read);
        }
        return out;
    }

    /** The outermost {@code ${NAME:default}} references of a value (nested ones are read as defaults). */
    private static void collect(String value, Map<String, String> read) {
        int i = value.indexOf("${");
        while (i >= 0) {
            int depth = 0;
            int end = -1;
            for (int j = i; j < value.length(); j++) {
                if (value.startsWith("${", j)) {
                    depth++;
                    j++;
                } else if (value.charAt(j) == '}' && --depth == 0) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                return;
            }
            var m = REFERENCE.matcher(value.substring(i, end + 1));
            if (m.matches()) {
                read.putIfAbsent(m.group(1), m.group(2));
            }
            i = value.indexOf("${", end);
        }
    }
}
