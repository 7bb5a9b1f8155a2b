package dev.goalcoach.analytics;

import dev.goalcoach.testkit.JwtKeysResource;
import dev.goalcoach.testkit.KafkaBrokerResource;
import dev.goalcoach.testkit.ProxiedDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The warehouse is reached through a proxy a test cuts; goal-service is a stand-in; Kafka and JWT keys as everywhere. */
@QuarkusTestResource(
        value = ProxiedDatabaseResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {
            @ResourceArg(name = "url", value = "quarkus.datasource.jdbc.url"),
            @ResourceArg(name = "user", value = "quarkus.datasource.username"),
            @ResourceArg(name = "password", value = "quarkus.datasource.password")
        })
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtKeysResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GoalServiceStub.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {}
