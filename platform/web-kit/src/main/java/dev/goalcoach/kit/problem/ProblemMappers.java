package dev.goalcoach.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} answer. The caller's mistakes get a 4xx
 * that says what is wrong; anything else is a 500 with an incident id, logged here, and no stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private static final AtomicLong LAST_OVERLOAD_LOG = new AtomicLong(System.nanoTime() - 2_000_000_000L);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        var p = e.toProblem();
        var response = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Bad Request", 400, detail, null, errors));
    }

    // the specific Jackson types are named too: Quarkus REST has built-in mappers for them that would win
    @ServerExceptionMapper({
        JsonProcessingException.class,
        UnrecognizedPropertyException.class,
        InvalidFormatException.class,
        MismatchedInputException.class
    })
    public Response unreadable(JsonProcessingException e) {
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            detail = "field '" + path(f) + "' has a value of the wrong form: " + f.getValue();
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            detail = "field '" + path(m) + "' has the wrong type";
        } else {
            detail = "the request body is not valid JSON";
        }
        return respond(Problem.of(400, "Bad Request", detail));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "Unauthorized", "a valid bearer token is required"))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "your role may not do this"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "Error";
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 406 -> "cannot answer in the requested media type";
            case 415 -> "send application/json";
            case 400 -> "the request could not be understood; check its body and parameters";
            default -> title;
        };
        return respond(Problem.of(status, title, detail));
    }

    /** The framework's URL decoder refused the request's own bytes (thrown by its URLUtils). */
    private static boolean badPercentEncoding(Throwable e) {
        if (!(e instanceof IllegalArgumentException)) {
            return false;
        }
        var trace = e.getStackTrace();
        for (int i = 0; i < Math.min(3, trace.length); i++) {
            if (trace[i].getClassName().equals("org.jboss.resteasy.reactive.common.util.URLUtils")) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (overloaded(e, 0)) {
            // every database connection busy and the wait queue full (or the wait too long): not the caller's
            // mistake and not a failure either, so a quick 503 to come back in a second rather than a 500 (or a
            // request left waiting while others pile up behind it)
            long now = System.nanoTime();
            long last = LAST_OVERLOAD_LOG.get();
            // once a second at most: under overload, a line per turned-away request is work the host lacks
            if (now - last > 1_000_000_000L && LAST_OVERLOAD_LOG.compareAndSet(last, now)) {
                LOG.warnf("overloaded, answering 503 (this second's first): %s", e.getMessage());
            }
            return Response.status(503)
                    .header("Retry-After", 1)
                    .type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(503, "Service Unavailable", "too busy right now; retry in a moment"))
                    .build();
        }
        if (violatesConstraint(e, 0)) {
            // a database constraint caught what a check could not (two requests racing for one email, say):
            // the request conflicts with the data; it is not a server failure
            return respond(Problem.of(409, "Conflict", "the request conflicts with existing data; reload and retry"));
        }
        if (badPercentEncoding(e)) {
            // a form or query value the framework cannot decode (%zz): the caller's mistake
            return respond(Problem.of(400, "Bad Request", "a form or query value is not valid percent-encoding"));
        }
        if (lostARace(e, 0)) {
            // another writer changed the row between this request's read and its write, again and again
            return respond(Problem.of(409, "Conflict", "changed by someone else at the same time; retry"));
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, incident %s", incident);
        return respond(
                Problem.of(500, "Internal Server Error", "something went wrong on our side; incident " + incident));
    }

    /**
     * Anywhere in the causes, the database pool turning a request away: its wait queue full (Vert.x: "reached max
     * wait queue size"), or the wait for a connection timed out (Vert.x: "Timeout waiting for connection"; Agroal:
     * "acquisition timeout").
     */
    static boolean overloaded(Throwable t, int depth) {
        return anyCause(
                t,
                depth,
                e -> e.getMessage() != null
                        && (e.getMessage().contains("max wait queue size")
                                || e.getMessage().contains("Timeout waiting for connection")
                                || e.getMessage().contains("acquisition timeout")));
    }

    /** Anywhere in the causes, an optimistic-lock failure (Hibernate's stale state, JPA's optimistic lock)? */
    static boolean lostARace(Throwable t, int depth) {
        return anyCause(t, depth, e -> {
            for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getName().equals("org.hibernate.StaleStateException")
                        || c.getName().equals("jakarta.persistence.OptimisticLockException")) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Anywhere in the causes (and suppressed or composite failures), a PostgreSQL integrity violation (23xxx)? */
    static boolean violatesConstraint(Throwable t, int depth) {
        return anyCause(t, depth, e -> {
            String state = e instanceof SQLException sql
                    ? sql.getSQLState()
                    : e instanceof PgException pg ? pg.getSqlState() : null;
            return state != null && state.startsWith("23");
        });
    }

    /** Whether {@code t} or anything it wraps (causes, suppressed, a composite's failures) passes {@code test}. */
    private static boolean anyCause(Throwable t, int depth, Predicate<Throwable> test) {
        if (t == null || depth > 12) {
            return false;
        }
        if (test.test(t)) {
            return true;
        }
        if (t instanceof CompositeException composite) {
            for (Throwable cause : composite.getCauses()) {
                if (anyCause(cause, depth + 1, test)) {
                    return true;
                }
            }
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (anyCause(suppressed, depth + 1, test)) {
                return true;
            }
        }
        return anyCause(t.getCause(), depth + 1, test);
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** "register.request.email" (method.parameter.field) reads better as "email". */
    private static String field(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        return parts.length > 2
                ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }
}
