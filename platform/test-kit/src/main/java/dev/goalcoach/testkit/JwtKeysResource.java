package dev.goalcoach.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the service under test at this JVM's test keys: it verifies (and member-service signs) with them. */
public class JwtKeysResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location",
                JwtKeys.publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer",
                JwtKeys.ISSUER,
                "smallrye.jwt.sign.key.location",
                JwtKeys.privateKeyFile().toUri().toString(),
                "smallrye.jwt.new-token.issuer",
                JwtKeys.ISSUER,
                "mp.jwt.verify.audiences",
                JwtKeys.AUDIENCE);
    }

    @Override
    public void stop() {}
}
