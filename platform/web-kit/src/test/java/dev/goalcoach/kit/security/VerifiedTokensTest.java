package dev.goalcoach.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.goalcoach.testkit.JwtKeys;
import dev.goalcoach.testkit.TestTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The remembered verification against smallrye-jwt's real verifier and real RS256 tokens. */
@Tag("unit")
class VerifiedTokensTest {

    /** smallrye-jwt's verifier, trusting the tests' key, counting how often it is asked. */
    private static final class CountingVerifier extends DefaultJWTParser {
        final AtomicInteger asked = new AtomicInteger();

        CountingVerifier() {
            super(new JWTAuthContextInfo(JwtKeys.trusted().getPublic(), JwtKeys.ISSUER));
        }

        @Override
        public JsonWebToken parse(String bearer) throws ParseException {
            asked.incrementAndGet();
            return super.parse(bearer);
        }
    }

    private final CountingVerifier verifier = new CountingVerifier();
    // tokens are issued and expire on the real clock (TestTokens); this test moves its own copy of it
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());

    private VerifiedTokens tokens(int capacity) {
        return new VerifiedTokens(verifier, capacity, Duration.ofMinutes(5), now::get);
    }

    @Test
    void aTokenIsVerifiedOnceThenRemembered() throws ParseException {
        var tokens = tokens(10);
        var member = UUID.randomUUID();
        String bearer = TestTokens.member(member);
        assertThat(tokens.parse(bearer).getSubject()).isEqualTo(member.toString());
        assertThat(tokens.parse(bearer).getSubject()).isEqualTo(member.toString());
        assertThat(tokens.parse(bearer).getGroups()).containsExactly(Roles.MEMBER);
        assertThat(verifier.asked).hasValue(1);
    }

    @Test
    void aTokenDifferingInItsSignatureIsVerifiedAndRefused() throws ParseException {
        var tokens = tokens(10);
        String bearer = TestTokens.member(UUID.randomUUID());
        tokens.parse(bearer);
        int last = bearer.length() - 2;
        String forged =
                bearer.substring(0, last) + (bearer.charAt(last) == 'A' ? 'B' : 'A') + bearer.substring(last + 1);
        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThat(verifier.asked).hasValue(2);
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        var tokens = tokens(10);
        String stranger = TestTokens.signedByAnotherKey(UUID.randomUUID(), Roles.ADMIN);
        String expired = TestTokens.expired(UUID.randomUUID());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.parse(stranger)).isInstanceOf(ParseException.class);
            assertThatThrownBy(() -> tokens.parse(expired)).isInstanceOf(ParseException.class);
        }
        assertThat(verifier.asked).hasValue(4);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aRememberedTokenIsNotAnsweredFromMemoryOnceItExpires() throws ParseException {
        // a time to live longer than the token's life: its expiry is what ends the memory
        var tokens = new VerifiedTokens(verifier, 10, Duration.ofHours(3), now::get);
        String bearer = TestTokens.member(UUID.randomUUID());
        long expiresAt = tokens.parse(bearer).getExpirationTime() * 1000;
        now.set(expiresAt - 1);
        tokens.parse(bearer);
        assertThat(verifier.asked).hasValue(1);
        now.set(expiresAt);
        tokens.parse(bearer);
        assertThat(verifier.asked).hasValue(2);
    }

    @Test
    void rememberedAtMostTheTimeToLive() throws ParseException {
        var tokens = tokens(10);
        String bearer = TestTokens.member(UUID.randomUUID());
        tokens.parse(bearer);
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        tokens.parse(bearer);
        assertThat(verifier.asked).hasValue(2);
    }

    @Test
    void whenFullNewTokensAreVerifiedEveryTime() throws ParseException {
        var tokens = tokens(2);
        String first = TestTokens.member(UUID.randomUUID());
        String second = TestTokens.mentor(UUID.randomUUID());
        String third = TestTokens.admin(UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            tokens.parse(first);
            tokens.parse(second);
            tokens.parse(third);
        }
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(verifier.asked).hasValue(2 + 3);
    }

    @Test
    void sizeZeroRemembersNothing() throws ParseException {
        var tokens = tokens(0);
        String bearer = TestTokens.member(UUID.randomUUID());
        tokens.parse(bearer);
        tokens.parse(bearer);
        assertThat(verifier.asked).hasValue(2);
    }
}
