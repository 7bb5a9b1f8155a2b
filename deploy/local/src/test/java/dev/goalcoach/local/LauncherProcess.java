package dev.goalcoach.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The launcher as {@code ./run} starts it, for the tests that run the whole suite in a process of its own. */
final class LauncherProcess {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /**
     * The services' JVMs in these tests: ./run's small heaps, compiled with C1 only. What the tests check does not
     * depend on the JIT; C2 spends most of a service's start and first minutes compiling code that runs once, on
     * the two cores the six services share (a stack up in 36 s instead of 49 s, 66 CPU-s instead of 94 here).
     * ./run and the benchmarks keep the default (C2 on).
     */
    static final String SERVICE_JVM = ServiceProcess.DEFAULT_JVM + " -XX:TieredStopAtLevel=1";

    /**
     * A launcher on ports shifted by {@code offset}, its state under {@code home}, with the embedded broker and
     * PostgreSQL (or {@code GOALCOACH_TEST_PG_URL}'s server), and {@code args} ({@code --demo}).
     */
    static ProcessBuilder builder(Path home, int offset, String adminPassword, String... args) {
        var command = new java.util.ArrayList<String>(java.util.List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                "deploy/local/target/classes:deploy/local/target/lib/*",
                "dev.goalcoach.local.Launcher"));
        command.addAll(java.util.List.of(args));
        var builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        var env = builder.environment();
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.remove("GOALCOACH_DB_URL");
        String testPg = System.getenv("GOALCOACH_TEST_PG_URL");
        if (testPg != null && !testPg.isBlank()) {
            env.put("GOALCOACH_DB_URL", testPg);
        }
        env.put("GOALCOACH_HOME", home.toString());
        env.put("GOALCOACH_PORT_OFFSET", String.valueOf(offset));
        env.put("GOALCOACH_ADMIN_PASSWORD", adminPassword);
        env.put("GOALCOACH_JAVA_OPTS", SERVICE_JVM);
        return builder;
    }

    /** A started launcher's output, kept whole, and the moment a line with one of the awaited markers came. */
    record Watched(Process process, StringBuilder output, CompletableFuture<Void> marked, Thread reader) {

        /** Everything the launcher has printed so far. */
        String said() {
            synchronized (output) {
                return output.toString();
            }
        }
    }

    /** Starts {@code builder} and reads its output until it ends; {@code marked} completes at a line with a marker. */
    static Watched start(ProcessBuilder builder, String... markers) throws IOException {
        Process process = builder.start();
        var output = new StringBuilder();
        var marked = new CompletableFuture<Void>();
        var reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    for (String marker : markers) {
                        if (line.contains(marker)) {
                            marked.complete(null);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            marked.completeExceptionally(new IllegalStateException("the launcher ended before " + List.of(markers)));
        });
        reader.start();
        return new Watched(process, output, marked, reader);
    }

    private LauncherProcess() {}
}
