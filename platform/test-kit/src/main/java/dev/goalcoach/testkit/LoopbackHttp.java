package dev.goalcoach.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The JDK's HTTP server on a free loopback port, for the stand-ins of other services that a module's tests use. */
public final class LoopbackHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Serves {@code handler} for every path; the server's base URL is {@link #url(HttpServer)}. */
    public static HttpServer serve(HttpHandler handler) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code body} as JSON ({@code application/problem+json} for an error status) and closes the exchange. */
    public static void answer(HttpExchange ex, int status, Object body) throws IOException {
        try (ex) {
            byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", status < 400 ? "application/json" : "application/problem+json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    private LoopbackHttp() {}
}
