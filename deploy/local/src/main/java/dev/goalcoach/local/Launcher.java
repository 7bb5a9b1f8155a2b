package dev.goalcoach.local;

import dev.goalcoach.embedded.KafkaBroker;
import dev.goalcoach.embedded.MailServer;
import dev.goalcoach.embedded.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code ./run} starts: PostgreSQL ({@code GOALCOACH_DB_URL}, else embedded with its data under the state
 * directory), a Kafka broker ({@code KAFKA_BOOTSTRAP_SERVERS}, else KRaft in this JVM), an SMTP server
 * ({@code GOALCOACH_SMTP_HOST}, else GreenMail in this JVM, its mail listed by the gateway at {@code /dev/mail}),
 * every service of {@code deploy/topology.json}, and the gateway. Ctrl-C (SIGINT or SIGTERM) stops all of it.
 */
public final class Launcher {

    private final Map<String, String> env;
    private final Path root;
    private final Path state;
    private final int offset;
    private final List<ServiceProcess> services = new ArrayList<>();
    private Postgres postgres;
    private KafkaBroker kafka;
    private MailServer mail;
    private String smtpHost;
    private String smtpPort;
    private Gateway gateway;
    private String adminEmail;
    private String adminPassword;

    Launcher(Map<String, String> env, Path root) {
        this.env = env;
        this.root = root;
        this.state = Path.of(
                        setting("GOALCOACH_HOME", root.resolve(".goalcoach").toString()))
                .toAbsolutePath();
        this.offset = Integer.parseInt(setting("GOALCOACH_PORT_OFFSET", "0"));
    }

    public static void main(String[] args) throws Exception {
        boolean demo = List.of(args).contains("--demo");
        var env = new HashMap<>(System.getenv());
        if (demo) {
            // the demo signs in its 40 members from this one address, to write their journals
            env.putIfAbsent("GOALCOACH_MEMBER_LIMITS_LOGINS_PER_ADDRESS", "600/1m");
        }
        var launcher = new Launcher(env, Path.of("").toAbsolutePath());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            launcher.stop();
                            stopped.countDown();
                        },
                        "goalcoach-stop"));
        try {
            launcher.start();
        } catch (Exception e) {
            System.err.println("GoalCoach could not start: " + e.getMessage());
            System.exit(1);
        }
        if (demo) {
            try {
                launcher.demo()
                        .run(ProcessHandle.current().info().startInstant().orElse(Instant.now()));
            } catch (Exception e) {
                say("the demo could not be seeded (the suite runs on): " + e);
            }
        }
        stopped.await();
    }

    void start() throws Exception {
        var topology = Topology.load(root.resolve("deploy/topology.json"));
        Files.createDirectories(state);
        var secrets = new LocalSecrets(state);
        secrets.ensureKeys();
        adminEmail = setting("GOALCOACH_ADMIN_EMAIL", "admin@goalcoach.local");
        adminPassword = secrets.adminPassword(env.get("GOALCOACH_ADMIN_PASSWORD"));

        String dbUrl = env.get("GOALCOACH_DB_URL");
        postgres = dbUrl == null || dbUrl.isBlank()
                ? Postgres.embedded(state.resolve("postgres"), 0, false) // stopped by stop(), after the services
                : Postgres.external(dbUrl);
        say("PostgreSQL  " + postgres.host() + ":" + postgres.port() + (dbUrl == null ? " (embedded)" : ""));

        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            kafka = KafkaBroker.start(
                    state.resolve("kafka"), 0, Integer.parseInt(setting("GOALCOACH_KAFKA_PARTITIONS", "3")));
            bootstrap = kafka.bootstrapServers();
        }
        say("Kafka       " + bootstrap + (kafka != null ? " (in-process KRaft)" : ""));

        smtpHost = setting("GOALCOACH_SMTP_HOST", "");
        smtpPort = setting("GOALCOACH_SMTP_PORT", "587");
        if (smtpHost.isEmpty()) {
            mail = MailServer.start(0);
            smtpHost = mail.host();
            smtpPort = String.valueOf(mail.port());
        }
        say("SMTP        " + smtpHost + ":" + smtpPort + (mail != null ? " (in-process GreenMail: /dev/mail)" : ""));

        // each service's client credentials, for the token it takes at member-service to call another service
        var clients = new ArrayList<String>();
        for (var s : topology.services()) {
            clients.add(s.name() + "=" + secrets.clientSecret(s.name()));
        }
        var replicas = replicas(setting("GOALCOACH_REPLICAS", ""));
        for (var s : topology.services()) {
            postgres.ensureDatabase(s.database());
            for (int replica = 1; replica <= replicas.getOrDefault(s.name(), 1); replica++) {
                start(topology, s, replica, bootstrap, secrets, clients);
            }
        }
        for (var s : services) {
            s.awaitReady(Duration.ofSeconds(180));
            say(String.format(
                    "%-18s http://127.0.0.1:%d  (swagger: /q/swagger-ui, log: %s%s)",
                    s.name(), s.port(), shown(s.log()), s.nice() > 0 ? ", nice " + s.nice() : ""));
        }

        gateway = new Gateway(topology, offset, mail);
        int gatewayPort = topology.gateway().port() + offset;
        gateway.start(gatewayPort);
        say("Gateway     http://127.0.0.1:" + gatewayPort
                + (mail != null ? "  (mail sent: http://127.0.0.1:" + gatewayPort + "/dev/mail)" : ""));
        say("Admin       " + adminEmail + " / password in " + shown(state.resolve("admin-password"))
                + (!setting("GOALCOACH_ADMIN_PASSWORD", "").isEmpty() ? " (or GOALCOACH_ADMIN_PASSWORD)" : ""));
        say("GoalCoach is up. Ctrl-C stops everything.");
    }

    /**
     * Starts replica {@code replica} of service {@code s}: the first on the service's port, the others 100 ports
     * further each ({@code GOALCOACH_REPLICAS}, e.g. {@code sync-service=2,analytics-service=2}: consumers share
     * their topics' partitions; the gateway and the other services call the first).
     */
    private void start(
            Topology topology,
            Topology.Service s,
            int replica,
            String bootstrap,
            LocalSecrets secrets,
            List<String> clients)
            throws IOException {
        var process =
                new ServiceProcess(s, s.port() + offset + 100 * (replica - 1), root, state.resolve("logs"), replica);
        var serviceEnv = new HashMap<>(env);
        serviceEnv.values().removeIf(String::isBlank);
        serviceEnv.put("GOALCOACH_DB_REACTIVE_URL", postgres.reactiveUrl(s.database()));
        serviceEnv.put("GOALCOACH_DB_JDBC_URL", postgres.jdbcUrl(s.database()));
        serviceEnv.put("GOALCOACH_DB_USER", postgres.user());
        serviceEnv.put("GOALCOACH_DB_PASSWORD", postgres.password());
        serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        serviceEnv.put("GOALCOACH_SMTP_HOST", smtpHost);
        serviceEnv.put("GOALCOACH_SMTP_PORT", smtpPort);
        // links in mails lead to the gateway, unless the environment names the public address
        serviceEnv.putIfAbsent(
                "GOALCOACH_PUBLIC_URL",
                "http://127.0.0.1:" + (topology.gateway().port() + offset));
        serviceEnv.put("GOALCOACH_JWT_PUBLIC_KEY_LOCATION", secrets.publicKey().toString());
        serviceEnv.put(
                "GOALCOACH_JWT_PRIVATE_KEY_LOCATION", secrets.privateKey().toString());
        serviceEnv.put("GOALCOACH_ADMIN_EMAIL", adminEmail);
        serviceEnv.put("GOALCOACH_ADMIN_PASSWORD", adminPassword);
        // member-service knows every client's secret; each other service its own only
        serviceEnv.remove("GOALCOACH_SERVICE_CLIENTS");
        if (s.name().equals("member-service")) {
            serviceEnv.put("GOALCOACH_SERVICE_CLIENTS", String.join(",", clients));
        }
        serviceEnv.put("GOALCOACH_CLIENT_ID", s.name());
        serviceEnv.put("GOALCOACH_CLIENT_SECRET", secrets.clientSecret(s.name()));
        // where each service is, for the ones that call another: GOALCOACH_GOAL_SERVICE_URL and so on
        for (var other : topology.services()) {
            serviceEnv.put(
                    "GOALCOACH_" + other.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL",
                    "http://127.0.0.1:" + (other.port() + offset));
        }
        process.start(serviceEnv);
        services.add(process);
    }

    /** {@code GOALCOACH_REPLICAS}: how many of a service to run ({@code name=n,...}; one of any other). */
    static Map<String, Integer> replicas(String setting) {
        var out = new HashMap<String, Integer>();
        for (String entry : setting.split(",")) {
            if (!entry.isBlank()) {
                String[] kv = entry.trim().split("=");
                out.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            }
        }
        return out;
    }

    /** The demo seeder for this suite ({@code ./run --demo}). */
    Demo demo() throws IOException {
        var topology = Topology.load(root.resolve("deploy/topology.json"));
        int goalPort = topology.services().stream()
                        .filter(s -> s.name().equals("goal-service"))
                        .findFirst()
                        .orElseThrow()
                        .port()
                + offset;
        return new Demo(
                "http://127.0.0.1:" + (topology.gateway().port() + offset),
                "http://127.0.0.1:" + goalPort,
                adminEmail,
                adminPassword);
    }

    /** One of the services started (for the fault tests, which kill and restart one). */
    ServiceProcess service(String name) {
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    synchronized void stop() {
        say("stopping GoalCoach...");
        if (gateway != null) {
            try {
                gateway.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
            gateway = null;
        }
        services.parallelStream().forEach(ServiceProcess::stop);
        services.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (mail != null) {
            mail.close();
            mail = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        say("stopped.");
    }

    /** A variable from the environment; unset and blank (as in a copied .env.example) both mean the default. */
    private String setting(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A path as the user best reads it: relative to the checkout when it is inside it. */
    private String shown(Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }

    static void say(String line) {
        System.out.println("[goalcoach] " + line);
        System.out.flush();
    }
}
