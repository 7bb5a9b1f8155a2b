package dev.goalcoach.member.service;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.goalcoach.member.MemberRules;
import dev.goalcoach.member.config.MemberConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** bcrypt, run on a worker thread: hashing is deliberately slow and must never block the event loop. */
@ApplicationScoped
public class PasswordHasher {

    private final Vertx vertx;
    private final int cost;
    private final String decoy;

    public PasswordHasher(Vertx vertx, MemberConfig config) {
        this.vertx = vertx;
        this.cost = config.bcryptCost();
        this.decoy = BCrypt.withDefaults().hashToString(cost, "decoy-password-0".toCharArray());
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(
                Uni.createFrom().item(() -> BCrypt.withDefaults().hashToString(cost, password.toCharArray())));
    }

    /**
     * Checks {@code password} against {@code hash}; with no hash (unknown email) it checks a decoy, so an
     * unknown email takes as long to refuse as a wrong password.
     */
    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            byte[] given = password.getBytes(StandardCharsets.UTF_8);
            // longer than bcrypt reads: no stored password is (registration refuses them), so it cannot match;
            // the decoy is still checked, so that the answer takes as long as any wrong password's
            boolean tooLong = given.length > MemberRules.MAX_PASSWORD_BYTES;
            var result = BCrypt.verifyer()
                    .verify(
                            tooLong ? Arrays.copyOf(given, MemberRules.MAX_PASSWORD_BYTES) : given,
                            (hash == null || tooLong ? decoy : hash).getBytes(StandardCharsets.UTF_8));
            return hash != null && !tooLong && result.verified;
        }));
    }
}
