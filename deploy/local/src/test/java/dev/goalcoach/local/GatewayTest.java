package dev.goalcoach.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway in front of a loopback stand-in for goal-service, which records what reaches it. */
class GatewayTest {

    /** What reached the service: its path and the forwarding headers it saw. */
    record Seen(String path, Map<String, List<String>> headers) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer service;
    private Gateway gateway;
    private int port;

    @BeforeEach
    void start() throws Exception {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestURI().getRawPath(), Map.copyOf(exchange.getRequestHeaders())));
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        var goals = new Topology.Service(
                "goal-service", service.getAddress().getPort(), "goalcoach_goal", List.of("/goals"), null, 0, null);
        try (var free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        gateway = new Gateway(new Topology(new Topology.Gateway(port), List.of(goals)), 0);
        gateway.start(port);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        service.stop(0);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPathThatWouldResolveElsewhereNeverReachesAService() throws Exception {
        for (String path : List.of(
                "/goals/../q/metrics",
                "/goals/%2e%2e/q/metrics",
                "/goals/%2E%2E%2Fq%2Fmetrics",
                "/goals/./x",
                "/goals//x",
                "/goals/..")) {
            var answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        assertThat(seen).isEmpty();
        assertThat(get("/goals/42").statusCode()).isEqualTo(200);
        assertThat(seen).extracting(Seen::path).containsExactly("/goals/42");
    }

    @Test
    void aBodyLargerThanAnyServiceTakesIsRefusedAtTheGate() throws Exception {
        var big = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/goals"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) Gateway.MAX_BODY_BYTES + 1]))
                .build();
        var answer = http.send(big, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(seen).isEmpty();
    }

    @Test
    void forwardingHeadersAreTheGatewaysOwnNotTheClients() throws Exception {
        var answer = get(
                "/goals/42",
                "Forwarded",
                "for=203.0.113.9;host=evil.example",
                "X-Forwarded-For",
                "203.0.113.9",
                "X-Forwarded-Host",
                "evil.example",
                "X-Forwarded-Prefix",
                "/admin",
                "X-Real-IP",
                "203.0.113.9");
        assertThat(answer.statusCode()).isEqualTo(200);
        var headers = seen.get(0).headers();
        assertThat(headers).doesNotContainKeys("Forwarded", "X-forwarded-prefix", "X-real-ip");
        assertThat(headers.get("X-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(headers.get("X-forwarded-host")).containsExactly("127.0.0.1:" + port);
    }
}
