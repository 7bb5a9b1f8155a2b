package dev.goalcoach.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.goalcoach.embedded.MailServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./run}'s mailbox on the gateway: what reached the launcher's SMTP server, as a page and as JSON. */
class DevMailTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsWhatWasSentNewestFirstWithItsLinks() throws Exception {
        try (var mail = MailServer.start(0)) {
            var smtp = new ServerSetup(mail.port(), mail.host(), ServerSetup.PROTOCOL_SMTP);
            GreenMailUtil.sendTextEmail(
                    "ana@example.org", "no-reply@goalcoach.local", "First", "Open http://x/a?token=1 <now>", smtp);
            GreenMailUtil.sendTextEmail("bo@example.org", "no-reply@goalcoach.local", "Second", "Hello", smtp);
            int port;
            try (var free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            var gateway = new Gateway(new Topology(new Topology.Gateway(port), List.of()), 0, mail);
            gateway.start(port);
            try {
                var all =
                        new ObjectMapper().readTree(get(port, "/dev/mail.json").body());
                assertThat(all).hasSize(2);
                assertThat(all.get(0).path("subject").asText()).isEqualTo("Second");
                var ana = new ObjectMapper()
                        .readTree(get(port, "/dev/mail.json?to=ana@example.org").body());
                assertThat(ana).hasSize(1);
                assertThat(ana.get(0).path("text").asText()).contains("http://x/a?token=1");

                var page = get(port, "/dev/mail");
                assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
                assertThat(page.body())
                        .contains("<a href=\"http://x/a?token=1\">")
                        .contains("&lt;now&gt;") // escaped, not markup
                        .doesNotContain("<now>");
                var post = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dev/mail"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(post.statusCode()).isEqualTo(405);
            } finally {
                gateway.close();
            }
        }
    }
}
