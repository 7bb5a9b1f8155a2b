package dev.goalcoach.goal;

import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.goalcoach.testkit.JwtKeys;
import dev.goalcoach.testkit.LoopbackHttp;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

/**
 * A service verifying tokens with member-service's key set (as on Kubernetes: GOALCOACH_JWT_PUBLIC_KEY_LOCATION is
 * {@code http://member-service:8081/.well-known/jwks.json}) follows a signing-key rotation without a restart: a
 * token naming a key it has not seen makes it fetch the set again, and the earlier key's tokens still verify
 * during the overlap. The key set is served by a loopback stand-in for member-service's endpoint.
 */
@QuarkusTest
@TestProfile(KeySetRotationTest.FromTheKeySet.class)
class KeySetRotationTest {

    /**
     * The keys served, the current one from the start: the service may read the set before the test runs (at its
     * start), and a set read empty would spend its forced refresh (one per 30 minutes) on the current key.
     */
    static final List<PublicKey> SERVED =
            new CopyOnWriteArrayList<>(List.of(JwtKeys.trusted().getPublic()));

    static final AtomicInteger FETCHES = new AtomicInteger();
    static final HttpServer KEY_SET = LoopbackHttp.serve(ex -> {
        FETCHES.incrementAndGet();
        var keys = new ArrayList<Map<String, Object>>();
        for (PublicKey key : SERVED) {
            var jwk = new RsaJsonWebKey((RSAPublicKey) key);
            jwk.setKeyId(JwtKeys.kid(key));
            jwk.setUse("sig");
            keys.add(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        }
        LoopbackHttp.answer(ex, 200, Map.of("keys", keys));
    });

    public static class FromTheKeySet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // as in production: the set is kept an hour, and a token naming a key not in it fetches the set again.
            // Production spaces those fetches a minute apart (web-kit); here none apart, so that the test may ask
            // again: jose4j also declines to fetch within 300 ms of its last fetch, and a token naming the new key
            // that soon after the first read is refused (which made this test fail at random)
            return Map.of(
                    "mp.jwt.verify.publickey.location",
                    LoopbackHttp.url(KEY_SET) + "/.well-known/jwks.json",
                    "smallrye.jwt.jwks.forced-refresh-interval",
                    "0");
        }
    }

    /** 401 when the token is refused; otherwise the answer of an authenticated caller (404: no such member). */
    private static int answerTo(String token) {
        return as(token)
                .get("/goals/user/" + UUID.randomUUID())
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void aRotationIsFollowedWithoutARestart() {
        var member = UUID.randomUUID();
        String signedNow = TestTokens.member(member);
        String signedByTheNextKey = TestTokens.signedByAnotherKey(member, "MEMBER");

        assertThat(answerTo(signedNow)).isNotEqualTo(401);
        int fetched = FETCHES.get();
        assertThat(fetched).as("the key set was read").isPositive();

        // member-service starts signing with the next key and serves both: the first token naming it makes the
        // service read the set again
        SERVED.add(0, JwtKeys.stranger().getPublic());
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> answerTo(signedByTheNextKey) != 401);
        assertThat(FETCHES.get()).isGreaterThan(fetched);
        assertThat(answerTo(signedNow))
                .as("the earlier key's tokens, during the overlap")
                .isNotEqualTo(401);

        // what no key of the set signed is still refused
        assertThat(answerTo(TestTokens.hmacWithThePublicKey(member, "MEMBER"))).isEqualTo(401);
        assertThat(answerTo(TestTokens.unsigned(member, "MEMBER"))).isEqualTo(401);
    }
}
