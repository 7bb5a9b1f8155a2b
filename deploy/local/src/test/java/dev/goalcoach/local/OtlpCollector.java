package dev.goalcoach.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A collector for the services' OTLP/HTTP trace exports (protobuf), on a loopback port: it keeps each span's
 * service, trace id, name and kind, read from the OTLP wire format (opentelemetry-proto's trace.proto: the few
 * fields needed, decoded by hand rather than with a protobuf runtime for three fields).
 */
final class OtlpCollector implements AutoCloseable {

    /** One exported span. {@code kind}: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
    record ExportedSpan(String service, String traceId, String name, long kind) {}

    final List<ExportedSpan> spans = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    OtlpCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::export);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ExportedSpan> ofTrace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private void export(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            }
            if (ex.getRequestURI().getPath().endsWith("/v1/traces")) {
                for (byte[] resourceSpans : fields(body).getOrDefault(1, List.of()).stream()
                        .map(byte[].class::cast)
                        .toList()) {
                    read(resourceSpans);
                }
            }
            ex.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            ex.sendResponseHeaders(200, -1);
        }
    }

    private void read(byte[] resourceSpans) {
        var rs = fields(resourceSpans);
        String service = "?";
        for (Object resource : rs.getOrDefault(1, List.of())) {
            for (Object kv : fields((byte[]) resource).getOrDefault(1, List.of())) {
                var pair = fields((byte[]) kv);
                if ("service.name".equals(text(pair, 1))) {
                    service = text(fields((byte[]) pair.get(2).get(0)), 1);
                }
            }
        }
        for (Object scopeSpans : rs.getOrDefault(2, List.of())) {
            for (Object span : fields((byte[]) scopeSpans).getOrDefault(2, List.of())) {
                var s = fields((byte[]) span);
                spans.add(new ExportedSpan(
                        service,
                        HexFormat.of().formatHex((byte[]) s.get(1).get(0)),
                        text(s, 5),
                        s.containsKey(6) ? (Long) s.get(6).get(0) : 0));
            }
        }
    }

    private static String text(Map<Integer, List<Object>> message, int field) {
        var values = message.get(field);
        return values == null ? null : new String((byte[]) values.get(0), StandardCharsets.UTF_8);
    }

    /** A protobuf message's fields by number: varints as Long, length-delimited as byte[] (fixed ones skipped). */
    private static Map<Integer, List<Object>> fields(byte[] message) {
        var out = new TreeMap<Integer, List<Object>>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int field = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> out.computeIfAbsent(field, k -> new ArrayList<>()).add(varint(message, at));
                case 1 -> at[0] += 8;
                case 2 -> {
                    int length = (int) varint(message, at);
                    byte[] value = java.util.Arrays.copyOfRange(message, at[0], at[0] + length);
                    at[0] += length;
                    out.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
                }
                case 5 -> at[0] += 4;
                default -> throw new IllegalArgumentException("wire type " + (tag & 7));
            }
        }
        return out;
    }

    private static long varint(byte[] b, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = b[at[0]++];
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
