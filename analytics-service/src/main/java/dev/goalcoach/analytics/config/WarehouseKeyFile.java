package dev.goalcoach.analytics.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands the Snowflake driver its key file ({@code private_key_file}) only when {@code
 * GOALCOACH_WAREHOUSE_PRIVATE_KEY_FILE} names one: given the property at all, even empty, the driver chooses
 * key-pair authentication, and configuration cannot leave a map entry out by an empty default. Without it the
 * password is sent. Ordinal between application.properties and the environment.
 */
public class WarehouseKeyFile implements ConfigSourceFactory {

    static final String PROPERTY = "quarkus.datasource.snowflake.jdbc.additional-jdbc-properties.private_key_file";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        var file = context.getValue("GOALCOACH_WAREHOUSE_PRIVATE_KEY_FILE");
        if (file == null || file.getValue() == null || file.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(PROPERTY, file.getValue()), "goalcoach-warehouse-key", 275));
    }
}
