package dev.goalcoach.local;

import dev.goalcoach.embedded.MailServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The local API gateway: routes by path prefix from the topology, the same table the Kubernetes Ingress uses.
 * Streams bodies both ways; answers 404 (problem+json) for paths no service owns, 400 for a path with dot segments
 * or encoded separators (a service would resolve it to another route, or to its own {@code /q/*}), and 502 when a
 * service is down. Client-sent {@code Forwarded}/{@code X-Forwarded-*} headers are dropped; the gateway sets its own.
 */
final class Gateway implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host");

    /** The largest request body passed on: what every service takes ({@code quarkus.http.limits.max-body-size}). */
    static final long MAX_BODY_BYTES = 2L * 1024 * 1024;

    /** How long a service may take to accept a connection, and to stay silent once asked. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final HttpServer server;
    private final HttpClient client;
    private final Topology topology;
    private final int portOffset;
    private final MailServer mail;

    Gateway(Topology topology, int portOffset) {
        this(topology, portOffset, null);
    }

    /** {@code mail}: the launcher's own SMTP server, whose mail {@code GET /dev/mail} lists (null: none). */
    Gateway(Topology topology, int portOffset, MailServer mail) {
        this.topology = topology;
        this.portOffset = portOffset;
        this.mail = mail;
        this.vertx = Vertx.vertx();
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64).setConnectTimeout((int)
                        CONNECT_TIMEOUT.toMillis()));
        this.server = vertx.createHttpServer().requestHandler(this::handle);
    }

    void start(int port) throws Exception {
        server.listen(port, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /**
     * A path the gateway refuses (400): dot segments, or dots, slashes and backslashes percent-encoded, which a
     * service would resolve after routing ({@code /goals/../q/metrics} is {@code /q/metrics} to it).
     */
    static boolean ambiguous(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")
                || lower.contains("\\")
                || lower.contains("//")
                || Arrays.stream(lower.split("/", -1)).anyMatch(segment -> segment.equals(".") || segment.equals(".."));
    }

    /** Client-sent forwarding headers: replaced by the gateway's own, never passed on. */
    static boolean forwardingHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("forwarded") || lower.startsWith("x-forwarded-") || lower.equals("x-real-ip");
    }

    private void handle(HttpServerRequest in) {
        if (ambiguous(in.path())) {
            in.response()
                    .setStatusCode(400)
                    .putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                            + "\"detail\":\"the path has dot segments or encoded separators\"}");
            return;
        }
        var length = in.getHeader("Content-Length");
        if (length != null
                && length.chars().allMatch(Character::isDigit)
                && length.length() < 19
                && Long.parseLong(length) > MAX_BODY_BYTES) {
            in.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                            + "\"detail\":\"the request body is larger than 2 MB\"}");
            return;
        }
        if (mail != null && (in.path().equals(DevMail.PAGE) || in.path().equals(DevMail.JSON))) {
            DevMail.answer(in, mail);
            return;
        }
        var service = topology.route(in.path());
        if (service.isEmpty()) {
            in.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                            + "\"detail\":\"no GoalCoach service serves this path\"}");
            return;
        }
        in.pause();
        var options = new RequestOptions()
                .setMethod(in.method())
                .setHost("127.0.0.1")
                .setPort(service.get().port() + portOffset)
                .setIdleTimeout(IDLE_TIMEOUT.toMillis())
                .setURI(in.uri());
        client.request(options)
                .onSuccess(out -> {
                    in.headers().forEach(h -> {
                        if (!HOP_BY_HOP.contains(h.getKey().toLowerCase()) && !forwardingHeader(h.getKey())) {
                            out.headers().add(h.getKey(), h.getValue());
                        }
                    });
                    out.putHeader("X-Forwarded-For", in.remoteAddress().hostAddress());
                    if (in.authority() != null) {
                        out.putHeader("X-Forwarded-Host", in.authority().toString());
                    }
                    out.putHeader("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
                    out.send(in)
                            .onSuccess(answer -> {
                                var response = in.response().setStatusCode(answer.statusCode());
                                answer.headers().forEach(h -> {
                                    if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                                        response.headers().add(h.getKey(), h.getValue());
                                    }
                                });
                                if (answer.getHeader("Content-Length") == null) {
                                    response.setChunked(true);
                                }
                                answer.pipeTo(response);
                            })
                            .onFailure(e -> badGateway(in, service.get().name()));
                })
                .onFailure(e -> badGateway(in, service.get().name()));
    }

    private static void badGateway(HttpServerRequest in, String service) {
        if (in.response().headWritten()) {
            in.response().reset();
            return;
        }
        in.resume();
        in.response()
                .setStatusCode(502)
                .putHeader("Content-Type", "application/problem+json")
                .end("{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502,\"detail\":\"" + service
                        + " is not answering\"}");
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
