package dev.goalcoach.kit;

import dev.goalcoach.testkit.JwtKeysResource;
import dev.goalcoach.testkit.KafkaBrokerResource;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The kit's tests run against a real PostgreSQL, reached through a proxy a test cuts (an outage for the application
 * alone), and a real Kafka broker.
 */
@QuarkusTestResource(
        value = ProxiedDatabaseResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {
            @ResourceArg(name = "url", value = "quarkus.datasource.jdbc.url"),
            @ResourceArg(name = "reactive-url", value = "quarkus.datasource.reactive.url"),
            @ResourceArg(name = "user", value = "quarkus.datasource.username"),
            @ResourceArg(name = "password", value = "quarkus.datasource.password")
        })
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtKeysResource.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {}
