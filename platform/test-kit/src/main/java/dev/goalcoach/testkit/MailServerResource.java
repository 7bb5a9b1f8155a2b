package dev.goalcoach.testkit;

import dev.goalcoach.embedded.MailServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on loopback, started once and shared by every test of the JVM; the service under
 * test sends its mail there through Quarkus Mailer (not its mock). Tests read what arrived with {@link #server()}
 * and take the server away with {@code stop()} and {@code restart()}.
 */
public class MailServerResource implements QuarkusTestResourceLifecycleManager {

    private static MailServer server;

    public static synchronized MailServer server() {
        if (server == null) {
            server = MailServer.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mail-server-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        var smtp = server();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", smtp.host(),
                "quarkus.mailer.port", String.valueOf(smtp.port()));
    }

    @Override
    public void stop() {
        // shared by every test of this JVM; stopped by the shutdown hook
    }
}
