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
 * way Snowflake does: a session token; a statement type and row counts for DML; typed columns and rows for a SELECT
 * from the test's {@code answers} (scripted: the test declares what Snowflake would have answered). It runs no SQL: the SQL itself is checked against PostgreSQL in the other tests and by
 * the golden files.
 */
public final class SnowflakeStub implements AutoCloseable {

    /** One statement as the driver sent it. */
    public record Query(String sql, JsonNode bindings, boolean describeOnly) {

        /** The value bound to parameter {@code index} (from 1), as the driver sent it (text). */
        public String bound(int index) {
            JsonNode value = bindings.path(Integer.toString(index)).path("value");
            return value.isNull() || value.isMissingNode() ? null : value.asText();
        }

        /** The values bound to parameter {@code index} of a batch (the driver sends a batch as arrays). */
        public List<String> boundRows(int index) {
            var out = new java.util.ArrayList<String>();
            bindings.path(Integer.toString(index)).path("value").forEach(v -> out.add(v.isNull() ? null : v.asText()));
            return out;
        }

        /** The Snowflake type the driver bound parameter {@code index} as. */
        public String boundType(int index) {
            return bindings.path(Integer.toString(index)).path("type").asText();
        }
    }

    /**
     * A result column as Snowflake describes it: {@code text}, {@code fixed} (with its scale), {@code boolean},
     * {@code date}, {@code timestamp_tz}, {@code array}...; the driver reads each value by it.
     */
    public record Column(String name, String type, int scale) {

        public static Column text(String name) {
            return new Column(name, "text", 0);
        }

        public static Column fixed(String name, int scale) {
            return new Column(name, "fixed", scale);
        }

        public static Column date(String name) {
            return new Column(name, "date", 0);
        }

        public static Column timestampTz(String name) {
            return new Column(name, "timestamp_tz", 9);
        }

        public static Column array(String name) {
            return new Column(name, "array", 0);
        }

        public static Column bool(String name) {
            return new Column(name, "boolean", 0);
        }
    }

    /**
     * A scripted answer: a SELECT's columns and rows (values in Snowflake's JSON result format, null for NULL), or a
     * DML statement's count of rows changed.
     */
    public record Result(List<Column> columns, List<List<String>> rows, Integer changed) {

        public static Result rows(List<Column> columns, List<List<String>> rows) {
            return new Result(columns, rows, null);
        }

        /** Rows of text columns. */
        public static Result text(List<List<String>> rows) {
            int width = rows.isEmpty() ? 1 : rows.get(0).size();
            var columns = new java.util.ArrayList<Column>();
            for (int i = 0; i < width; i++) {
                columns.add(Column.text("C" + (i + 1)));
            }
            return new Result(columns, rows, null);
        }

        public static Result changed(int rows) {
            return new Result(List.of(), List.of(), rows);
        }
    }

    /** What the stub answers a statement with; null: a SELECT gives no row, DML changes as many rows as bound. */
    @FunctionalInterface
    public interface Answers {
        Result answer(String sql, JsonNode bindings);
    }

    /** A DATE value as Snowflake's JSON results carry it: days since 1970-01-01. */
    public static String date(java.time.LocalDate day) {
        return Long.toString(day.toEpochDay());
    }

    /** A TIMESTAMP_TZ value as Snowflake's JSON results carry it: epoch seconds, then the offset (UTC: 1440). */
    public static String timestampTz(java.time.Instant at) {
        return at.getEpochSecond() + "." + String.format("%09d", at.getNano()) + " 1440";
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> logins = new CopyOnWriteArrayList<>();
    public final List<Query> queries = new CopyOnWriteArrayList<>();
    public final List<String> paths = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final Answers answers;

    /** @param answers rows (as strings, null for SQL NULL) of text columns for each SELECT; null answers no row */
    public SnowflakeStub(Function<String, List<List<String>>> answers) throws IOException {
        this((sql, bindings) -> {
            var rows = answers.apply(sql);
            return rows == null ? null : Result.text(rows);
        });
    }

    /** @param answers a typed answer for each statement (see {@link Answers}) */
    public SnowflakeStub(Answers answers) throws IOException {
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
        Result answer = answers.answer(sql, bindings);
        if (type == 4096) {
            var columns = answer == null ? List.of(Column.text("C1")) : answer.columns();
            var rows = answer == null ? List.<List<String>>of() : answer.rows();
            columns.forEach(c -> column(rowtype, c.name(), c.type(), c.scale()));
            for (var row : rows) {
                ArrayNode r = rowset.addArray();
                row.forEach(r::add);
            }
            data.put("total", rows.size());
            data.put("returned", rows.size());
        } else if (type >= 12544 && type <= 13312) {
            column(rowtype, "number of rows affected", "fixed", 0);
            int changed = answer != null && answer.changed() != null ? answer.changed() : rowsIn(bindings);
            rowset.addArray().add(Integer.toString(changed));
            data.put("total", 1);
            data.put("returned", 1);
        } else {
            column(rowtype, "status", "text", 0);
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

    private static void column(ArrayNode rowtype, String name, String type, int scale) {
        ObjectNode c = rowtype.addObject();
        c.put("name", name);
        c.put("type", type);
        c.put("nullable", true);
        c.put("scale", scale);
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
