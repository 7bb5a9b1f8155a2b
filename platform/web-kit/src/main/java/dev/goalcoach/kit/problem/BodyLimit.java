package dev.goalcoach.kit.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose declared body is over {@code quarkus.http.limits.max-body-size} is answered 413 as problem+json
 * before anything reads it, like every other refusal (Quarkus's own 413 further down has no body at all); so is a
 * form whose field is over {@code quarkus.http.limits.max-form-attribute-size}.
 */
@ApplicationScoped
public class BodyLimit {

    private final long limit;
    private final long formAttributeLimit;

    public BodyLimit(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
            @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size") MemorySize formAttributeLimit) {
        this.limit = limit.asLongValue();
        this.formAttributeLimit = formAttributeLimit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > limit) {
                String body = "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,\"detail\":"
                        + "\"the request body is over " + limit + " bytes\"}";
                ctx.response()
                        .setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(body);
                return;
            }
            ctx.next();
        });
        // A form field over quarkus.http.limits.max-form-attribute-size is refused while the body streams in, as
        // a route failure (a WebApplicationException 413) that Quarkus's error handler would answer as a 500.
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.failure() instanceof WebApplicationException e
                    && e.getResponse().getStatus() == 413
                    && !ctx.response().ended()
                    && !ctx.response().headWritten()) {
                ctx.response()
                        .setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                                + "\"detail\":\"a form field is over " + formAttributeLimit + " bytes\"}");
                return;
            }
            ctx.next();
        });
    }
}
