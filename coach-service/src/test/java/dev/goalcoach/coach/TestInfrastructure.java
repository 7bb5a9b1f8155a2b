package dev.goalcoach.coach;

import dev.goalcoach.testkit.JwtKeysResource;
import dev.goalcoach.testkit.KafkaBrokerResource;
import dev.goalcoach.testkit.MailServerResource;
import dev.goalcoach.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every test of this module runs against a real PostgreSQL, a real Kafka broker, a real SMTP server and its own
 * signing keys; goal-service
 * and analytics-service are {@link UpstreamStub}.
 */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtKeysResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MailServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UpstreamStub.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {}
