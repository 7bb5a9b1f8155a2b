package dev.goalcoach.testkit;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The security sweep every service runs: the operations come from the service's own OpenAPI document, so a new
 * endpoint is swept without a new test, and one without a fixture fails the sweep (nothing passes by a 404 on a
 * random id). For each operation, a fixture makes a resource its owner owns; then
 *
 * <ul>
 *   <li>broken tokens (none, expired, signed by another key, {@code alg=none}, HS256 keyed with the public key,
 *       another audience) must get 401 on a secured operation;
 *   <li>strangers (another member, another mentor) must get 403 or 404, before the owner acts;
 *   <li>the owner's own call must answer as the fixture says;
 *   <li>then bodies are fuzzed as the owner: malformed JSON, deep nesting, wrong types, huge strings and numbers;
 * </ul>
 *
 * and no answer may be a 5xx, an error that is not problem+json, or a body with a stack trace or SQL in it.
 */
public final class SecuritySweep {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An operation of the OpenAPI document. */
    public record Operation(String method, String path, boolean secured, boolean takesBody, String mediaType) {
        public String key() {
            return method + " " + path;
        }

        boolean takesForm() {
            return FORM.equals(mediaType);
        }
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    /**
     * What a fixture prepared for one operation: the path with its ids, the owner's token (null: none needed), a
     * valid body (null: none), the answers the owner's call may get, and the tokens that must not reach it.
     */
    public record Target(
            String path, String ownerToken, Object body, Set<Integer> ownerAnswers, List<String> strangers) {}

    @FunctionalInterface
    public interface Fixture {
        Target prepare() throws Exception;
    }

    public record Finding(String operation, String caller, String input, int status, String why) {}

    /** The matrix swept (operations × callers and inputs, as calls made) and what it found. */
    public record Report(int operations, int calls, List<Finding> findings) {
        @Override
        public String toString() {
            var text = new StringBuilder(
                    operations + " operations, " + calls + " calls, " + findings.size() + " findings");
            findings.forEach(f -> text.append("\n  ").append(f));
            return text.toString();
        }
    }

    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|org\\.hibernate|java\\.|SQLState|(?i:\\bselect\\b.+\\bfrom\\b)");

    private final List<Finding> findings = new ArrayList<>();
    private int calls;

    /** The operations of the service under test, from {@code /q/openapi}. */
    public static List<Operation> operations() throws Exception {
        JsonNode doc = JSON.readTree(given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        var operations = new ArrayList<Operation>();
        doc.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
                    if (Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                        JsonNode op = method.getValue();
                        var media = op.path("requestBody").path("content").fieldNames();
                        operations.add(new Operation(
                                method.getKey().toUpperCase(),
                                path.getKey(),
                                op.has("security") && !op.get("security").isEmpty(),
                                op.has("requestBody"),
                                media.hasNext() ? media.next() : "application/json"));
                    }
                }));
        return operations;
    }

    /**
     * The fixtures of what every service has from the web-kit, {@code GET} and {@code PUT /admin/clock}: an admin's,
     * {@code strangers} (a fresh list per call) refused.
     */
    public static Map<String, Fixture> clockFixtures(String admin, StrangerList strangers) {
        return Map.of(
                "GET /admin/clock",
                () -> new Target("/admin/clock", admin, null, Set.of(200), strangers.get()),
                "PUT /admin/clock",
                () -> new Target("/admin/clock", admin, Map.of("offset", "PT0S"), Set.of(200), strangers.get()));
    }

    @FunctionalInterface
    public interface StrangerList {
        List<String> get() throws Exception;
    }

    /** Sweeps every operation with its fixture (keyed {@code "METHOD /path/{param}"}). */
    public static Report sweep(Map<String, Fixture> fixtures) throws Exception {
        var sweep = new SecuritySweep();
        var operations = new ArrayList<>(operations());
        // what changes the whole service (moving its clock, say) goes last, so that it cannot upset other fixtures
        operations.sort(Comparator.comparing(op -> op.path().startsWith("/admin/")));
        for (var op : operations) {
            var fixture = fixtures.get(op.key());
            if (fixture == null) {
                sweep.findings.add(new Finding(op.key(), "-", "-", 0, "no fixture: give it one so it is swept"));
                continue;
            }
            sweep.sweep(op, fixture.prepare());
        }
        for (String key : fixtures.keySet()) {
            if (operations.stream().noneMatch(op -> op.key().equals(key))) {
                sweep.findings.add(new Finding(key, "-", "-", 0, "a fixture for an operation the document lacks"));
            }
        }
        return new Report(operations.size(), sweep.calls, List.copyOf(sweep.findings));
    }

    private void sweep(Operation op, Target t) throws Exception {
        String body = t.body() == null
                ? null
                : op.takesForm() ? form(JSON.convertValue(t.body(), Map.class)) : JSON.writeValueAsString(t.body());
        if (op.secured()) {
            var id = UUID.randomUUID();
            var broken = new LinkedHashMap<String, String>();
            broken.put("no token", null);
            broken.put("expired", TestTokens.expired(id));
            broken.put("another key", TestTokens.signedByAnotherKey(id, "ADMIN"));
            broken.put("alg none", TestTokens.unsigned(id, "ADMIN"));
            broken.put("HS256 with the public key", TestTokens.hmacWithThePublicKey(id, "ADMIN"));
            broken.put("another audience", TestTokens.forAnotherAudience(id));
            broken.forEach((who, token) -> expect(op, who, "valid", call(op, t.path(), token, body), Set.of(401)));
        }
        int n = 0;
        for (String stranger : t.strangers()) {
            expect(op, "stranger " + ++n, "valid", call(op, t.path(), stranger, body), Set.of(403, 404));
        }
        expect(op, "owner", "valid", call(op, t.path(), t.ownerToken(), body), t.ownerAnswers());
        if (op.takesBody() && body != null) {
            fuzz(op, t, body);
        }
    }

    private void fuzz(Operation op, Target t, String valid) throws Exception {
        if (op.takesForm()) {
            fuzzForm(op, t);
            return;
        }
        var inputs = new LinkedHashMap<String, String>();
        inputs.put("malformed", "{\"a\":");
        inputs.put("not an object", "[]");
        inputs.put("null", "null");
        inputs.put("a string", "\"text\"");
        inputs.put("deep nesting", "[".repeat(100_000) + "]".repeat(100_000));
        inputs.put("over the body limit", "{\"x\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}");
        JsonNode tree = JSON.readTree(valid);
        if (tree instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(field -> {
                JsonNode value = object.get(field);
                inputs.put(
                        field + " of the wrong type", replaced(object, field, value.isTextual() ? "[1,2]" : "\"x\""));
                inputs.put(field + " as an object", replaced(object, field, "{\"deep\":{\"er\":1}}"));
                inputs.put(field + " huge", replaced(object, field, "\"" + "a".repeat(100_000) + "\""));
                inputs.put(field + " a huge number", replaced(object, field, "1e400"));
                inputs.put(field + " a negative number", replaced(object, field, "-99999999999999999999"));
            });
            inputs.put("an unknown field", replaced(object, "sneaky", "\"ADMIN\""));
        }
        inputs.forEach((input, text) -> expect(op, "owner", input, call(op, t.path(), t.ownerToken(), text), null));
    }

    /** A form body: each field empty, left out, huge, twice; bad percent-encoding; JSON; past the body limit. */
    private void fuzzForm(Operation op, Target t) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = JSON.convertValue(t.body(), Map.class);
        var inputs = new LinkedHashMap<String, String>();
        inputs.put("bad percent-encoding", "%zz=%");
        inputs.put("JSON instead", "{\"a\":1}");
        inputs.put("over the body limit", "x=" + "a".repeat(3 * 1024 * 1024));
        for (String field : fields.keySet()) {
            var without = new LinkedHashMap<>(fields);
            without.remove(field);
            inputs.put(field + " left out", form(without));
            var empty = new LinkedHashMap<>(fields);
            empty.put(field, "");
            inputs.put(field + " empty", form(empty));
            var huge = new LinkedHashMap<>(fields);
            huge.put(field, "a".repeat(100_000));
            inputs.put(field + " huge", form(huge));
            inputs.put(field + " twice", form(fields) + "&" + field + "=other");
        }
        inputs.forEach((input, text) -> expect(op, "owner", input, call(op, t.path(), t.ownerToken(), text), null));
    }

    private static String form(Map<?, ?> fields) {
        var parts = new ArrayList<String>();
        fields.forEach((k, v) -> parts.add(URLEncoder.encode(String.valueOf(k), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    private static String replaced(ObjectNode object, String field, String rawJson) {
        var parts = new ArrayList<String>();
        object.fields().forEachRemaining(e -> {
            if (!e.getKey().equals(field)) {
                parts.add(quote(e.getKey()) + ":" + e.getValue().toString());
            }
        });
        parts.add(quote(field) + ":" + rawJson);
        return "{" + String.join(",", parts) + "}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }

    /** One answer: its status, content type and body. */
    private record Answer(int statusCode, String contentType, String text) {}

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Plain HTTP (not REST Assured, whose failure logging would pretty-print a 100,000-deep body). */
    private Answer call(Operation op, String path, String token, String body) {
        calls++;
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Content-Type", op.mediaType())
                .method(
                        op.method(),
                        body != null && op.takesBody()
                                ? HttpRequest.BodyPublishers.ofString(body)
                                : HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            var r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (java.io.IOException e) {
            // the server closed the connection on an oversized body, say: no answer to judge, but not a 5xx
            return new Answer(0, "", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code allowed}: the statuses this call may get; null: any below 500 (fuzzed input may be taken as valid). */
    private void expect(Operation op, String caller, String input, Answer r, Set<Integer> allowed) {
        int status = r.statusCode();
        String text = r.text();
        String contentType = r.contentType();
        if (status == 0 && allowed == null) {
            return;
        }
        if (status >= 500) {
            findings.add(new Finding(op.key(), caller, input, status, "a server error: " + abbreviate(text)));
        } else if (allowed != null && !allowed.contains(status)) {
            findings.add(new Finding(op.key(), caller, input, status, "expected one of " + allowed));
        } else if (status >= 400 && !contentType.startsWith("application/problem+json")) {
            findings.add(
                    new Finding(op.key(), caller, input, status, "an error that is not problem+json: " + contentType));
        }
        if (LEAK.matcher(text).find()) {
            findings.add(new Finding(op.key(), caller, input, status, "leaks internals: " + abbreviate(text)));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private SecuritySweep() {}
}
