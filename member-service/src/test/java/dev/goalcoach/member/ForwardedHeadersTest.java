package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forwarding headers are believed from the gateway's address only (GOALCOACH_TRUSTED_PROXIES, by default the
 * loopback address the local gateway calls from): a client elsewhere that sends X-Forwarded-Host itself does not
 * choose the links the service writes. "Elsewhere" here is 127.0.0.2, another loopback address the test binds to.
 */
@QuarkusTest
class ForwardedHeadersTest {

    private static final String HEADERS = "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n";

    @Test
    void fromTheGatewaysAddressTheForwardedHostIsUsed() {
        String location = anonymous()
                .header("X-Forwarded-Host", "goalcoach.example")
                .header("X-Forwarded-Proto", "https")
                .body(Map.of(
                        "email", Api.uniqueEmail("fwd"),
                        "password", "Correct-horse-9",
                        "displayName", "Fwd",
                        "timezone", "UTC"))
                .post("/auth/register")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        assertThat(location).startsWith("https://goalcoach.example/members/");
    }

    @Test
    void fromAnyOtherAddressForwardingHeadersAreIgnored() throws IOException {
        String body = "{\"email\":\"" + Api.uniqueEmail("fwd")
                + "\",\"password\":\"Correct-horse-9\",\"displayName\":\"Fwd\",\"timezone\":\"UTC\"}";
        String answer;
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(10_000);
            var request = "POST /auth/register HTTP/1.1\r\nHost: 127.0.0.1:" + RestAssured.port + "\r\n" + HEADERS
                    + "Content-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 201");
        String location = answer.lines()
                .filter(l -> l.toLowerCase().startsWith("location:"))
                .findFirst()
                .orElseThrow();
        assertThat(location)
                .contains("/members/")
                .doesNotContain("evil.example")
                .doesNotContain("https");
    }
}
