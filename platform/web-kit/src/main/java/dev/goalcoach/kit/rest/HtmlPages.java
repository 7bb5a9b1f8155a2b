package dev.goalcoach.kit.rest;

import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A page for a person who followed a mailed link (a verification, a reset, an unsubscribe): HTML, never cached, its
 * address (which holds the link's token) never sent on as a referrer.
 */
public final class HtmlPages {

    public static RestResponse<String> page(int status, String html) {
        return RestResponse.ResponseBuilder.<String>create(status)
                .entity(html)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private HtmlPages() {}
}
