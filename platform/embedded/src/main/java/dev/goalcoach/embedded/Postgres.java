package dev.goalcoach.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server: the one an admin JDBC URL points at, or else an embedded one (zonky's PostgreSQL
 * binaries, started on loopback). Services each get a database of their own on it.
 */
public final class Postgres implements AutoCloseable {

    private static final Pattern DB_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private Postgres(EmbeddedPostgres embedded, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts an embedded server, stopped when the JVM exits. With a {@code dataDir} its data is kept between runs;
     * {@code port} 0 picks a free one.
     */
    public static Postgres embedded(Path dataDir, int port) {
        return embedded(dataDir, port, true);
    }

    /**
     * As above; {@code stopAtExit} false leaves stopping it to the caller's {@link #close}: a caller whose own
     * shutdown hook stops the processes using the server first (hooks run concurrently, so the server's own would
     * stop it under them).
     */
    public static Postgres embedded(Path dataDir, int port, boolean stopAtExit) {
        try {
            var builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(stopAtExit)
                    .setCleanDataDirectory(dataDir == null)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off");
            // more server settings, e.g. a profile's: shared_preload_libraries=pg_stat_statements,track_io_timing=on
            settings(System.getenv(SETTINGS)).forEach(builder::setServerConfig);
            if (dataDir != null) {
                builder.setDataDirectory(dataDir);
            }
            if (port != 0) {
                builder.setPort(port);
            }
            var pg = builder.start();
            return new Postgres(pg, "127.0.0.1", pg.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** The environment variable with more settings of an embedded server: {@code name=value}, comma-separated. */
    public static final String SETTINGS = "GOALCOACH_EMBEDDED_PG_SETTINGS";

    /** {@code name=value,name=value} as a map, in order (blank or null: none). */
    static java.util.Map<String, String> settings(String spec) {
        var out = new java.util.LinkedHashMap<String, String>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String item : spec.split(",")) {
            String[] kv = item.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException(SETTINGS + ": expected name=value, got '" + item + "'");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }

    /**
     * A server that is already running, from a URL such as
     * {@code postgresql://user:password@localhost:5432/postgres} or {@code jdbc:postgresql://localhost:5432/postgres?user=u&password=p}.
     */
    public static Postgres external(String url) {
        String u = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri = URI.create(u.replaceFirst("^postgres(ql)?://", "postgresql://"));
        String user = "postgres";
        String password = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                String[] p = kv.split("=", 2);
                if (p.length == 2 && p[0].equals("user")) user = p[1];
                if (p.length == 2 && p[0].equals("password")) password = p[1];
            }
        }
        return new Postgres(null, uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), user, password);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = connect("postgres");
                var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, name);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + host + ":" + port, e);
        }
    }

    public void dropDatabase(String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = connect("postgres");
                var drop = c.createStatement()) {
            drop.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name, e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
