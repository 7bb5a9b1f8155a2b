package dev.goalcoach.analytics;

import dev.goalcoach.testkit.JwtKeysResource;
import dev.goalcoach.testkit.KafkaBrokerResource;
import dev.goalcoach.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtKeysResource.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {}
