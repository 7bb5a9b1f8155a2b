package dev.goalcoach.member.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GOALCOACH_SERVICE_CLIENTS as it is read: {@code id=secret} pairs; a short secret or odd id stops the start. */
@Tag("unit")
class ServiceClientsTest {

    private static final String SECRET = "s".repeat(ServiceClients.MIN_SECRET);

    @Test
    void pairsAreRead() {
        assertThat(ServiceClients.parse("")).isEmpty();
        assertThat(ServiceClients.parse(" coach-service=" + SECRET + " , mentor-service=" + SECRET + "x,"))
                .containsOnlyKeys("coach-service", "mentor-service");
    }

    @Test
    void aShortSecretOrABadIdIsAConfigurationError() {
        assertThatThrownBy(() -> ServiceClients.parse("coach-service=short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coach-service");
        assertThatThrownBy(() -> ServiceClients.parse("Coach Service=" + SECRET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceClients.parse("coach-service")).isInstanceOf(IllegalArgumentException.class);
    }
}
