package dev.goalcoach.sync;

import dev.goalcoach.testkit.JwtKeysResource;
import dev.goalcoach.testkit.KafkaBrokerResource;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The warehouse is reached through a proxy the outage test cuts; Kafka and JWT keys as everywhere. */
@QuarkusTestResource(
        value = ProxiedDatabaseResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {
            @ResourceArg(name = "url", value = "goalcoach.sync.warehouse.url"),
            @ResourceArg(name = "user", value = "goalcoach.sync.warehouse.user"),
            @ResourceArg(name = "password", value = "goalcoach.sync.warehouse.password")
        })
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtKeysResource.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {}
