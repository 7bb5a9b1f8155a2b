package dev.goalcoach.kit.rest;

import dev.goalcoach.kit.problem.ProblemException;
import java.util.HashSet;
import java.util.Set;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Optimistic concurrency over HTTP: a resource's revision is its strong {@code ETag} ({@code "7"}); a write may send
 * {@code If-Match} with the ETag it read, and is answered 412 when the resource has changed since. Without
 * {@code If-Match} (or with {@code *}) a write applies to the latest revision.
 */
public final class Revisions {

    /** The ETag of {@code revision}. */
    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /** {@code entity} answered 200 with the ETag of {@code revision}. */
    public static <T> RestResponse<T> ok(T entity, long revision) {
        return RestResponse.ResponseBuilder.ok(entity)
                .header("ETag", etag(revision))
                .build();
    }

    /** What an {@code If-Match} header asks: any revision (absent, {@code *}) or one of those it lists. */
    public record IfMatch(Set<Long> revisions) {

        public static final IfMatch ANY = new IfMatch(null);

        /**
         * Reads the header. A weak tag ({@code W/"7"}) or one this service never wrote matches nothing (RFC 9110
         * compares If-Match strongly), so the write is answered 412, not applied.
         */
        public static IfMatch of(String header) {
            if (header == null || header.isBlank() || header.trim().equals("*")) {
                return ANY;
            }
            var revisions = new HashSet<Long>();
            for (String tag : header.split(",")) {
                String t = tag.trim();
                if (t.length() > 2 && t.length() <= 21 && t.startsWith("\"") && t.endsWith("\"")) {
                    try {
                        revisions.add(Long.parseLong(t.substring(1, t.length() - 1)));
                    } catch (NumberFormatException ignored) {
                        // not one of ours: matches nothing
                    }
                }
            }
            return new IfMatch(Set.copyOf(revisions));
        }

        /** Throws the 412 problem unless {@code current} is a revision the client asked for. */
        public void check(long current, String what) {
            if (revisions != null && !revisions.contains(current)) {
                throw new ProblemException(
                        412,
                        "Precondition Failed",
                        what + " has changed since it was read (now " + etag(current)
                                + "): read it again and reapply the change");
            }
        }
    }

    private Revisions() {}
}
