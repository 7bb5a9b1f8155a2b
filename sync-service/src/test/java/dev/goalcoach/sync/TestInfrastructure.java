package dev.goalcoach.sync;

import dev.goalcoach.testkit.JwtKeysResource;
import dev.goalcoach.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;

@QuarkusTestResource(value = WarehouseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtKeysResource.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {}
