package dev.goalcoach.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * A local stand-in for the two Snowflake REST endpoints the JDBC driver calls — login and query — on loopback
 * over plain HTTP. It records every login and statement (text and binds) for the test to check and answers the
 * way Snowflake does: a session token; a statement type and row counts for DML; rows for a SELECT from the
 * test's {@code answers}. It runs no SQL: the SQL itself is checked against PostgreSQL in the other tests and by
 * the golden files.
 */
public final class SnowflakeStub implements AutoCloseable {

    /** One statement as the driver sent it. */
    public record Query(String sql, JsonNode bindings, boolean describeOnly) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> logins = new CopyOnWriteArrayList<>();
    public final List<Query> queries = new CopyOnWriteArrayList<>();
    public final List<String> paths = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final Function<String, List<List<String>>> answers;

    /** @param answers rows (as strings, null for SQL NULL) for each SELECT; null answers no row */
    public SnowflakeStub(Function<String, List<List<String>>> answers) throws IOException {
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The statements that did something (not the driver's describe round trips). */
    public List<Query> executed() {
        return queries.stream().filter(q -> !q.describeOnly()).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        String path = ex.getRequestURI().getPath();
        paths.add(path);
        ObjectNode answer = JSON.createObjectNode();
        answer.putNull("code");
        answer.putNull("message");
        answer.put("success", true);
        if (path.equals("/session/v1/login-request")) {
            logins.add(JSON.readTree(body));
            ObjectNode data = answer.putObject("data");
            data.put("token", "session-token");
            data.put("masterToken", "master-token");
            data.put("validityInSeconds", 3600);
            data.put("masterValidityInSeconds", 14400);
            data.put("sessionId", 1);
            ObjectNode autocommit = data.putArray("parameters").addObject();
            autocommit.put("name", "AUTOCOMMIT");
            autocommit.put("value", true);
            ObjectNode info = data.putObject("sessionInfo");
            info.put("databaseName", "GOALCOACH");
            info.put("schemaName", "WAREHOUSE");
            info.put("warehouseName", "LOAD_WH");
            info.put("roleName", "SYNC");
        } else if (path.equals("/queries/v1/query-request")) {
            JsonNode request = JSON.readTree(body);
            String sql = request.path("sqlText").asText();
            boolean describe = request.path("describeOnly").asBoolean();
            queries.add(new Query(sql, request.path("bindings"), describe));
            answer.set("data", result(sql, request.path("bindings"), describe));
        } else {
            answer.putNull("data");
        }
        byte[] out = JSON.writeValueAsBytes(answer);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private ObjectNode result(String sql, JsonNode bindings, boolean describe) {
        String verb = sql.strip().toLowerCase(Locale.ROOT);
        long type;
        if (verb.startsWith("select")) {
            type = 4096;
        } else if (verb.startsWith("insert")) {
            type = 12544;
        } else if (verb.startsWith("update")) {
            type = 12800;
        } else if (verb.startsWith("delete")) {
            type = 13056;
        } else if (verb.startsWith("merge")) {
            type = 13312;
        } else if (verb.startsWith("alter session")) {
            type = 16640;
        } else if (verb.startsWith("commit") || verb.startsWith("rollback")) {
            type = 20480;
        } else {
            type = 24576; // DDL
        }
        ObjectNode data = JSON.createObjectNode();
        data.putArray("parameters");
        data.put("queryId", "01b-stub-" + queries.size());
        data.put("statementTypeId", type);
        data.put("queryResultFormat", "json");
        data.put("arrayBindSupported", true);
        data.put("version", 1);
        ArrayNode rowtype = data.putArray("rowtype");
        ArrayNode rowset = data.putArray("rowset");
        if (describe) {
            data.put("total", 0);
            data.put("returned", 0);
            return data;
        }
        if (type == 4096) {
            var rows = answers.apply(sql);
            int width = rows == null || rows.isEmpty() ? 1 : rows.get(0).size();
            for (int i = 0; i < width; i++) {
                column(rowtype, "C" + (i + 1), "text");
            }
            if (rows != null) {
                for (var row : rows) {
                    ArrayNode r = rowset.addArray();
                    row.forEach(r::add);
                }
            }
            data.put("total", rows == null ? 0 : rows.size());
            data.put("returned", rows == null ? 0 : rows.size());
        } else if (type >= 12544 && type <= 13312) {
            column(rowtype, "number of rows affected", "fixed");
            rowset.addArray().add(Integer.toString(rowsIn(bindings)));
            data.put("total", 1);
            data.put("returned", 1);
        } else {
            column(rowtype, "status", "text");
            rowset.addArray().add("Statement executed successfully.");
            data.put("total", 1);
            data.put("returned", 1);
        }
        return data;
    }

    /** Rows a statement carried: the length of its array binds, one for single binds or none. */
    private static int rowsIn(JsonNode bindings) {
        if (bindings == null || !bindings.isObject() || bindings.isEmpty()) {
            return 1;
        }
        JsonNode first = bindings.elements().next().path("value");
        return first.isArray() ? first.size() : 1;
    }

    private static void column(ArrayNode rowtype, String name, String type) {
        ObjectNode c = rowtype.addObject();
        c.put("name", name);
        c.put("type", type);
        c.put("nullable", true);
        c.put("scale", 0);
        c.put("precision", 38);
        c.putNull("length");
        c.putNull("byteLength");
        c.put("database", "");
        c.put("schema", "");
        c.put("table", "");
        c.putNull("collation");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
