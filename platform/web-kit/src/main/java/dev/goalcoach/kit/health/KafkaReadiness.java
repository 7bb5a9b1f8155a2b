package dev.goalcoach.kit.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka connection, answered within about three seconds either way (a probe that hangs is no
 * answer), with what the service's Kafka users add to it ({@link Detail}: the outbox backlog, the loader's
 * position): while Kafka is away, that is where accepted work waits.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** Adds a component's own state to the Kafka readiness answer. */
    public interface Detail {
        void describe(HealthCheckResponseBuilder response);
    }

    private final String bootstrapServers;
    private final Instance<Detail> details;
    private Admin admin;

    public KafkaReadiness(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, @Any Instance<Detail> details) {
        this.bootstrapServers = bootstrapServers;
        this.details = details;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka").withData("bootstrapServers", bootstrapServers);
        details.forEach(d -> d.describe(response));
        try {
            var nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return response.status(!nodes.isEmpty())
                    .withData("brokers", nodes.size())
                    .build();
        } catch (Exception e) {
            return response.down()
                    .withData("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    (int) TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    (int) TIMEOUT.toMillis(),
                    AdminClientConfig.CLIENT_ID_CONFIG,
                    "goalcoach-readiness"));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
