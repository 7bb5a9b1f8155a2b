package dev.goalcoach.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run --demo} on a fresh state directory: the suite starts, the demo is seeded through the gateway and
 * every member's metrics show; what it seeded is what a mentor then sees; seeding again adds nothing. (How long it
 * takes is bench/README.md's, measured on a quiet machine: not a test's.)
 */
class DemoIT {

    private static final String ADMIN_PASSWORD = "Root-pass-4-seed";

    @Test
    void seedsTheDemoThroughThePublicApiOnceAndAMentorSeesIt() throws Exception {
        int offset = LocalPorts.freeOffset();
        Path home = Files.createTempDirectory("goalcoach-demo");
        var builder = LauncherProcess.builder(home, offset, ADMIN_PASSWORD, "--demo");
        builder.environment().remove("GOALCOACH_CLOCK_OFFSET");

        var watched = LauncherProcess.start(builder, "demo ready.", "the demo could not be seeded");
        Process launcher = watched.process();
        var output = watched.output();
        try {
            watched.marked().get(480, TimeUnit.SECONDS);
            String said = watched.said();
            assertThat(said).contains("demo ready.").doesNotContain("could not be seeded");
            var holds = seeded(said, "the demo holds ");
            var added = seeded(said, "this run added ");
            assertThat(holds.mentors()).isEqualTo(2);
            assertThat(holds.members()).isEqualTo(Demo.MEMBERS);
            assertThat(holds.goals()).isEqualTo(2 * Demo.MEMBERS);
            assertThat(holds.checkins()).isGreaterThan(3000);
            assertThat(holds.journal()).isEqualTo(3 * Demo.MEMBERS);
            assertThat(holds.suggestions()).isPositive();
            // a fresh state: everything it holds, it added
            assertThat(added).isEqualTo(new Demo.Seeded(2, 40, 80, holds.checkins(), 120, added.suggestions()));

            // what a mentor sees: their 20 mentees, riskiest first, the slipping and lapsed ones at risk
            String gateway = "http://127.0.0.1:" + (8080 + offset);
            var http = HttpClient.newHttpClient();
            var json = new ObjectMapper();
            String maya = json.readTree(post(
                                    http,
                                    gateway + "/auth/login",
                                    "{\"email\":\"maya@demo.goalcoach.local\"," + "\"password\":\"" + Demo.PASSWORD
                                            + "\"}")
                            .body())
                    .path("access_token")
                    .asText();
            String mayaId = subject(maya);
            JsonNode roster = json.readTree(get(http, gateway + "/mentor/chat/" + mayaId + "/patients", maya)
                    .body());
            assertThat(roster.path("patients").size()).isEqualTo(Demo.MEMBERS / 2);
            assertThat(roster.path("patients").path(0).path("riskLevel").asText())
                    .isEqualTo("HIGH");
            assertThat(roster.findValuesAsText("riskLevel")).contains("LOW");

            // seeding again adds nothing
            var again = new Demo(
                            gateway, "http://127.0.0.1:" + (8082 + offset), "admin@goalcoach.local", ADMIN_PASSWORD)
                    .run(Instant.now());
            assertThat(again.added()).isEqualTo(new Demo.Seeded(0, 0, 0, 0, 0, 0));
            assertThat(again.found()).isEqualTo(holds);

            // the mentor accepts one of coach-service's suggestions for a mentee of hers: the plan changes
            String suggestion = null;
            String mentee = null;
            for (JsonNode p : roster.path("patients")) {
                JsonNode open = json.readTree(get(
                                http,
                                gateway + "/suggestions?memberId="
                                        + p.path("memberId").asText() + "&status=PROPOSED",
                                maya)
                        .body());
                if (open.size() > 0) {
                    suggestion = open.path(0).path("id").asText();
                    mentee = p.path("memberId").asText();
                    break;
                }
            }
            assertThat(suggestion).as("an open suggestion among Maya's mentees").isNotNull();
            var accepted = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/suggestions/" + suggestion + "/accept"))
                            .header("Authorization", "Bearer " + maya)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"Let's try this\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(json.readTree(get(http, gateway + "/suggestions?memberId=" + mentee + "&status=ACCEPTED", maya)
                                    .body())
                            .findValuesAsText("id"))
                    .contains(suggestion);
        } catch (Exception | AssertionError e) {
            synchronized (output) {
                throw new AssertionError("launcher output:\n" + output, e);
            }
        } finally {
            launcher.toHandle().destroy();
            if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        }
    }

    private static final Pattern SEEDED =
            Pattern.compile("(\\d+) mentors, (\\d+) members, (\\d+) goals, (\\d+) check-ins,"
                    + " (\\d+) journal entries, (\\d+) plan suggestions");

    /** The counts after {@code prefix} in the demo's output. */
    private static Demo.Seeded seeded(String output, String prefix) {
        var line = output.lines().filter(l -> l.contains(prefix)).findFirst().orElseThrow();
        var m = SEEDED.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return new Demo.Seeded(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)));
    }

    private static String subject(String token) throws IOException {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return new ObjectMapper().readTree(payload).path("sub").asText();
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
