package dev.goalcoach.kit.problem;

import java.util.List;

/** Thrown by services for an answer that is the caller's doing: it becomes a 4xx problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private Integer retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " was not found");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(
                400, "Bad Request", field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** The same problem, located inside a collection item ({@code at} such as {@code checkins[3]}). */
    public ProblemException at(String at) {
        List<Problem.FieldError> located = errors == null
                ? List.of(new Problem.FieldError(at, getMessage()))
                : errors.stream()
                        .map(f -> new Problem.FieldError(at + "." + f.field(), f.message()))
                        .toList();
        return new ProblemException(status, title, at + ": " + getMessage(), located);
    }

    /** Asks the client to come back later (a {@code Retry-After} header), for 429 and 503 answers. */
    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), null, errors);
    }

    public int status() {
        return status;
    }

    /** The fields at fault, if the problem is about some; null otherwise. */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}
