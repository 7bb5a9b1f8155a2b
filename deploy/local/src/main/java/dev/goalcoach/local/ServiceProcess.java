package dev.goalcoach.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One service of the suite, run as its packaged Quarkus application in a child JVM, logging to a file. */
final class ServiceProcess {

    private final Topology.Service service;
    private final int port;
    private final Path jar;
    private final Path log;
    private Process process;
    private Map<String, String> env;
    private boolean niced;

    ServiceProcess(Topology.Service service, int port, Path repoRoot, Path logDir) {
        this(service, port, repoRoot, logDir, 1);
    }

    /** Replica {@code replica} of the service (its log is the service's, with {@code -n} for the second on). */
    ServiceProcess(Topology.Service service, int port, Path repoRoot, Path logDir, int replica) {
        this.service = service;
        this.port = port;
        this.jar = repoRoot.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
        this.log = logDir.resolve(service.name() + (replica == 1 ? "" : "-" + replica) + ".log");
    }

    String name() {
        return service.name();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** How much lower than the launcher's the service's CPU priority is (0: the same). */
    int nice() {
        return niced ? service.nice() : 0;
    }

    /**
     * A service's JVM options unless GOALCOACH_JAVA_OPTS says otherwise: a small heap, the serial collector (and
     * the topology's {@code localJvmArgs}).
     */
    static final String DEFAULT_JVM = "-Xmx192m -XX:+UseSerialGC";

    void start(Map<String, String> env) throws IOException {
        this.env = Map.copyOf(env);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package -DskipTests");
        }
        Files.createDirectories(log.getParent());
        var command = command(env, NICE.orElse(null));
        niced = NICE.map(n -> command.get(0).equals(n.toString())).orElse(false);
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        process = builder.start();
    }

    /** Where {@code nice} is on this machine (Linux, macOS; absent on Windows: every service then runs as the launcher). */
    private static final Optional<Path> NICE = Stream.of("/usr/bin/nice", "/bin/nice")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();

    /**
     * The service's command line: the JVM with its options ({@code GOALCOACH_JAVA_OPTS}, or {@link #DEFAULT_JVM} and
     * the topology's {@code localJvmArgs}),
     * the topology's arguments and the jar; started through {@code nice} (when {@code nice} is not null) at the
     * topology's niceness unless {@code GOALCOACH_NICE} is {@code false}.
     */
    List<String> command(Map<String, String> env, Path nice) {
        List<String> command = new ArrayList<>();
        if (nice != null && service.nice() > 0 && !"false".equalsIgnoreCase(env.getOrDefault("GOALCOACH_NICE", ""))) {
            command.addAll(List.of(nice.toString(), "-n", String.valueOf(service.nice())));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // small heaps for a one-machine suite; GOALCOACH_JAVA_OPTS replaces them
        String opts = env.getOrDefault("GOALCOACH_JAVA_OPTS", "");
        if (opts.isBlank()) {
            command.addAll(List.of(DEFAULT_JVM.split(" ")));
            command.addAll(service.localJvmArgs());
        } else {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        command.addAll(service.jvmArgs());
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Waits until {@code /q/health/ready} answers 200, or fails with the tail of the service's log. */
    void awaitReady(Duration timeout) throws InterruptedException, IOException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name() + " was not ready within " + timeout + ":\n" + tail());
    }

    /** Asks the service to stop (SIGTERM: Quarkus shuts down gracefully), and kills it if it does not. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, as an out-of-memory killer or a lost node would: no shutdown hook runs. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the service again, with the environment it was first started with. */
    void startAgain() throws IOException {
        if (env == null) {
            throw new IllegalStateException(name() + " was never started");
        }
        start(env);
    }

    private String tail() throws IOException {
        var lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
