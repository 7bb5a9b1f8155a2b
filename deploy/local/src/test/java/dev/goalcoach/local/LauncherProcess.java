package dev.goalcoach.local;

import java.nio.file.Path;

/** The launcher as {@code ./run} starts it, for the tests that run the whole suite in a process of its own. */
final class LauncherProcess {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

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
        return builder;
    }

    private LauncherProcess() {}
}
