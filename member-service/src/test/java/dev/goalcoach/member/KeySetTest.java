package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.JwtKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * The signing keys as the other services find them: every token names its key ({@code kid}), and
 * {@code /.well-known/jwks.json} serves that key (and, during a rotation, the earlier one) so a token verifies
 * against the key set alone.
 */
@QuarkusTest
@TestProfile(KeySetTest.InRotation.class)
class KeySetTest {

    /** Mid-rotation: the test key signs, the stranger's key is the earlier one still served. */
    public static class InRotation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "goalcoach.member.previous-public-keys",
                    JwtKeys.strangerPublicKeyFile().toString());
        }
    }

    @Test
    void aTokenNamesItsKeyAndVerifiesAgainstTheKeySetAlone() throws Exception {
        var email = Api.uniqueEmail("keys");
        Api.register(email, "UTC");
        String token = Api.login(email, "Correct-horse-9");

        var answer = anonymous().get("/.well-known/jwks.json").then().statusCode(200);
        answer.header("Cache-Control", "public, max-age=300");
        String body = answer.extract().asString();
        List<Map<String, Object>> keys = answer.extract().path("keys");
        String current = JwtKeys.kid(JwtKeys.trusted().getPublic());
        assertThat(keys)
                .extracting(k -> k.get("kid"))
                .containsExactly(current, JwtKeys.kid(JwtKeys.stranger().getPublic()));
        assertThat(keys).allSatisfy(k -> {
            assertThat(k)
                    .containsEntry("kty", "RSA")
                    .containsEntry("use", "sig")
                    .containsEntry("alg", "RS256");
            assertThat(k).containsKeys("n", "e").doesNotContainKeys("d", "p", "q"); // no private part, ever
        });

        var jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo(current);
        jws.setKey(
                new JwksVerificationKeyResolver(new JsonWebKeySet(body).getJsonWebKeys()).resolveKey(jws, List.of()));
        assertThat(jws.verifySignature()).isTrue();
    }
}
