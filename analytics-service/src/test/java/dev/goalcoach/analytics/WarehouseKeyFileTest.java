package dev.goalcoach.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Snowflake driver is given {@code private_key_file} (and so signs in with the key) only when {@code
 * GOALCOACH_WAREHOUSE_PRIVATE_KEY_FILE} names a file; otherwise the property is absent and the password is sent
 * ({@code SnowflakeServiceTest} signs in so).
 */
@Tag("unit")
class WarehouseKeyFileTest {

    private static final String PROPERTY =
            "quarkus.datasource.snowflake.jdbc.additional-jdbc-properties.private_key_file";

    @ParameterizedTest
    @ValueSource(strings = {"", "/var/run/secrets/snowflake/rsa_key.p8"})
    void theKeyFileReachesTheDriverOnlyWhenNamed(String file) {
        var config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of("GOALCOACH_WAREHOUSE_PRIVATE_KEY_FILE", file), "environment", 300))
                .withSources(new dev.goalcoach.analytics.config.WarehouseKeyFile())
                .build();

        assertThat(config.getOptionalValue(PROPERTY, String.class))
                .isEqualTo(file.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(file));
    }
}
