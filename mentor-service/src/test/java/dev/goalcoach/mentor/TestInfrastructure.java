package dev.goalcoach.mentor;

import dev.goalcoach.testkit.JwtKeysResource;
import dev.goalcoach.testkit.KafkaBrokerResource;
import dev.goalcoach.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every test of this module runs against a real PostgreSQL, a real Kafka broker and its own signing keys;
 * analytics-service and goal-service are {@link UpstreamStub}.
 */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtKeysResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UpstreamStub.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {}
