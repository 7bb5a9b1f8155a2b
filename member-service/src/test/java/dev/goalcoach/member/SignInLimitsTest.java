package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Login and registration are rate-limited per client address and per account, with low limits here. The client
 * address is the one the gateway forwards: test requests come from loopback, a trusted proxy, so each test
 * chooses its addresses with {@code X-Forwarded-For} (TEST-NET-3, a new one per call of {@link #address}).
 */
@QuarkusTest
@TestProfile(SignInLimitsTest.LowLimits.class)
class SignInLimitsTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "goalcoach.member.limits.logins-per-address", "5/1h",
                    "goalcoach.member.limits.failed-logins-per-account", "3/1h",
                    "goalcoach.member.limits.registrations-per-address", "3/1h",
                    "goalcoach.member.limits.registrations-per-account", "2/1h");
        }
    }

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final String PASSWORD = "Correct-horse-9";

    private static String address() {
        return "203.0.113." + NEXT_ADDRESS.getAndIncrement();
    }

    private static ValidatableResponse login(String from, String email, String password) {
        return anonymous()
                .header("X-Forwarded-For", from)
                .body(Map.of("email", email, "password", password))
                .post("/auth/login")
                .then();
    }

    private static ValidatableResponse register(String from, String email) {
        return anonymous()
                .header("X-Forwarded-For", from)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", "Ana", "timezone", "UTC"))
                .post("/auth/register")
                .then();
    }

    private static void tooMany(ValidatableResponse answer, String detail) {
        answer.statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("status", equalTo(429))
                .body("detail", containsString(detail));
    }

    @Test
    void oneAddressGetsFiveLoginAttemptsAnHourAndOthersAreNotHeldBack() {
        String from = address();
        for (int i = 0; i < 5; i++) {
            login(from, Api.uniqueEmail("nobody"), "Wrong-horse-" + i).statusCode(401);
        }
        tooMany(login(from, Api.uniqueEmail("nobody"), "Wrong-horse-5"), "from this address");

        String email = Api.uniqueEmail("ana");
        register(address(), email).statusCode(201);
        // even the right password is refused from the exhausted address, and accepted from another
        tooMany(login(from, email, PASSWORD), "from this address");
        login(address(), email, PASSWORD).statusCode(200);
    }

    @Test
    void anAccountStopsAfterThreeFailuresWhicheverAddressesTheyCameFrom() {
        String email = Api.uniqueEmail("ana");
        register(address(), email).statusCode(201);
        for (int i = 0; i < 3; i++) {
            login(address(), email, "Wrong-horse-" + i).statusCode(401);
        }
        tooMany(login(address(), email, PASSWORD), "for this account");
        // an email with no account behaves the same, so the limit does not tell which emails exist
        String nobody = Api.uniqueEmail("nobody");
        for (int i = 0; i < 3; i++) {
            login(address(), nobody, "Wrong-horse-" + i).statusCode(401);
        }
        tooMany(login(address(), nobody, PASSWORD), "for this account");
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() {
        String email = Api.uniqueEmail("ana");
        register(address(), email).statusCode(201);
        for (int round = 0; round < 3; round++) {
            login(address(), email, "Wrong-horse-1").statusCode(401);
            login(address(), email, "Wrong-horse-2").statusCode(401);
            login(address(), email, PASSWORD).statusCode(200);
        }
    }

    @Test
    void oneAddressGetsThreeRegistrationsAnHourAndARefusedOneCreatesNothing() {
        String from = address();
        for (int i = 0; i < 3; i++) {
            register(from, Api.uniqueEmail("bulk")).statusCode(201);
        }
        String refused = Api.uniqueEmail("bulk");
        tooMany(register(from, refused), "from this address");
        // nothing was created: the same email signs up from elsewhere
        register(address(), refused).statusCode(201);
    }

    @Test
    void oneEmailGetsTwoRegistrationAttemptsAnHour() {
        String email = Api.uniqueEmail("ana");
        register(address(), email).statusCode(201);
        register(address(), email).statusCode(409);
        tooMany(register(address(), email), "for this email");
    }
}
