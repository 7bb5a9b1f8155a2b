package dev.goalcoach.member.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goalcoach.kit.members.MemberExport;
import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.rest.RemoteFailures;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.member.client.ExportClient;
import dev.goalcoach.member.config.MemberConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A member's data export: everything each service holds about them, gathered here from each service's own export
 * (the caller's token relayed, so each service checks the caller itself) beside this service's own part. Whole or
 * not at all: a service that does not answer makes it a 503 naming the service, never an export silently missing
 * a part.
 */
@ApplicationScoped
public class DataExport {

    /** The document's format, for whoever reads it back. */
    public static final String FORMAT = "goalcoach-export/1";

    private static final Logger LOG = Logger.getLogger(DataExport.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final MemberService members;
    private final MemberExport own;
    private final Clock clock;
    private final ObjectMapper json;
    private final Map<String, ExportClient> services = new LinkedHashMap<>();
    private final ExportClient analytics;

    public DataExport(MemberService members, MemberExport own, Clock clock, ObjectMapper json, MemberConfig config) {
        this.members = members;
        this.own = own;
        this.clock = clock;
        this.json = json;
        services.put("goal-service", client(config.export().goalServiceUrl()));
        services.put("coach-service", client(config.export().coachServiceUrl()));
        services.put("mentor-service", client(config.export().mentorServiceUrl()));
        this.analytics = client(config.export().analyticsServiceUrl());
    }

    private static ExportClient client(URI base) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .register(RemoteFailures.class)
                .build(ExportClient.class);
    }

    /** The export of {@code memberId} for {@code caller} (themselves or an admin; anyone else: 404). */
    public Uni<ObjectNode> of(Caller caller, UUID memberId, String authorization) {
        if (!caller.isAdmin() && !caller.is(memberId)) {
            return Uni.createFrom().failure(ProblemException.notFound("member " + memberId));
        }
        // the member must exist (and the caller may see them) before anything is asked of anyone
        return members.get(caller, memberId).chain(v -> gather(memberId, authorization));
    }

    private Uni<ObjectNode> gather(UUID memberId, String authorization) {
        var names = new ArrayList<String>();
        var parts = new ArrayList<Uni<JsonNode>>();
        names.add("member-service");
        parts.add(own.of(memberId).map(Function.identity()));
        services.forEach((name, client) -> {
            names.add(name);
            parts.add(part(name, client.tables(memberId, authorization)));
        });
        names.add("analytics-service");
        parts.add(Uni.combine()
                .all()
                .unis(
                        part("analytics-service", computed(analytics.metrics(memberId, authorization))),
                        part("analytics-service", computed(analytics.series(memberId, authorization))))
                .with((metrics, series) -> {
                    ObjectNode figures = json.createObjectNode();
                    figures.set("metrics", metrics);
                    figures.set("series", series);
                    return figures;
                }));
        return Uni.combine()
                .all()
                .unis(parts)
                .collectFailures()
                .with(answers -> {
                    ObjectNode doc = json.createObjectNode();
                    doc.put("format", FORMAT);
                    doc.put("memberId", memberId.toString());
                    doc.put("exportedAt", clock.instant().toString());
                    ObjectNode byService = doc.putObject("services");
                    for (int i = 0; i < names.size(); i++) {
                        byService.set(names.get(i), (JsonNode) answers.get(i));
                    }
                    return doc;
                })
                .onFailure()
                .transform(DataExport::unavailable);
    }

    /** A part of the export: the service's answer, or a failure naming the service. */
    private static Uni<JsonNode> part(String service, Uni<JsonNode> call) {
        return call.ifNoItem().after(TIMEOUT).fail().onFailure().transform(e -> {
            LOG.warnf("%s did not give its part of an export: %s", service, e.toString());
            return new PartMissing(service);
        });
    }

    /** analytics-service's 404: nothing computed for the member (yet, or any more). */
    private Uni<JsonNode> computed(Uni<JsonNode> call) {
        return call.onFailure(e -> e instanceof RemoteFailures.Refused r && r.status() == 404)
                .recoverWithItem(json.nullNode());
    }

    private static Throwable unavailable(Throwable failure) {
        List<String> missing = new ArrayList<>();
        collect(failure, missing);
        if (missing.isEmpty()) {
            return failure;
        }
        return new ProblemException(
                        503,
                        "Service Unavailable",
                        "the export is incomplete and was not given: no answer from " + String.join(", ", missing)
                                + "; try again shortly")
                .retryAfter(30);
    }

    private static void collect(Throwable failure, List<String> missing) {
        if (failure instanceof PartMissing p) {
            if (!missing.contains(p.service)) {
                missing.add(p.service);
            }
        } else if (failure instanceof io.smallrye.mutiny.CompositeException c) {
            c.getCauses().forEach(e -> collect(e, missing));
        }
    }

    private static final class PartMissing extends RuntimeException {
        private final String service;

        PartMissing(String service) {
            super(service + " did not answer", null, false, false);
            this.service = service;
        }
    }
}
