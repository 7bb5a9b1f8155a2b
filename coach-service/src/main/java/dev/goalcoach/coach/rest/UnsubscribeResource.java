package dev.goalcoach.coach.rest;

import dev.goalcoach.coach.service.NotificationSettings;
import dev.goalcoach.kit.rest.HtmlPages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The unsubscribe link of every coaching mail, without signing in. {@code GET} (a person following the link, or a
 * mail scanner prefetching it) only shows a page with a button; {@code POST} turns the mail off — the button, and
 * mail clients' one-click unsubscribe (RFC 8058, {@code List-Unsubscribe-Post}). With {@code kind}: that kind no
 * longer by mail; without: no mail from the coach at all. HTML for people, not API (left out of the OpenAPI
 * document); {@code CoachMailTest} covers it.
 */
@Path("/notifications/unsubscribe")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class UnsubscribeResource {

    private final NotificationSettings settings;
    private final Template page;

    public UnsubscribeResource(NotificationSettings settings, @Location("pages/unsubscribe.html") Template page) {
        this.settings = settings;
        this.page = page;
    }

    @GET
    public RestResponse<String> confirm(@QueryParam("token") String token, @QueryParam("kind") String kind) {
        if (token == null || token.isBlank() || token.length() > 64) {
            return page(400, "This link does not work", "It was cut short.", null);
        }
        String action = "/notifications/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + (kind == null ? "" : "&kind=" + URLEncoder.encode(kind, StandardCharsets.UTF_8));
        return page(200, "Unsubscribe", what(kind) + " will no longer come by mail.", action);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Uni<RestResponse<String>> unsubscribe(@QueryParam("token") String token, @QueryParam("kind") String kind) {
        return settings.unsubscribe(token, kind)
                .map(member -> member.isPresent()
                        ? page(
                                200,
                                "Unsubscribed",
                                what(kind) + " no longer comes by mail. You still see it in the app.",
                                null)
                        : page(400, "This link does not work", "It is not a GoalCoach unsubscribe link.", null));
    }

    private static String what(String kind) {
        if (kind == null) {
            return "Mail from the coach";
        }
        return switch (kind) {
            case "REMINDER" -> "The daily reminder";
            case "WEEKLY_REVIEW" -> "The weekly review";
            case "MONTHLY_REPORT" -> "The monthly report";
            default -> "Mail from the coach";
        };
    }

    private RestResponse<String> page(int status, String title, String message, String action) {
        String html = page.data("title", title)
                .data("message", message)
                .data("error", status >= 400)
                .data("action", action)
                .render();
        return HtmlPages.page(status, html);
    }
}
