package dev.goalcoach.goal.rest;

import dev.goalcoach.goal.api.GoalDtos.JournalRequest;
import dev.goalcoach.goal.api.GoalDtos.JournalUpdate;
import dev.goalcoach.goal.api.GoalDtos.JournalView;
import dev.goalcoach.goal.service.JournalService;
import dev.goalcoach.kit.problem.QueryParams;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/journal")
@Tag(name = "journal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class JournalResource {

    private final JournalService journal;
    private final JsonWebToken token;

    public JournalResource(JournalService journal, JsonWebToken token) {
        this.journal = journal;
        this.token = token;
    }

    @POST
    @Operation(summary = "Write a journal entry (up to 10,000 characters; mood 1-5; private unless shared)")
    public Uni<RestResponse<JournalView>> write(@NotNull @Valid JournalRequest request) {
        return journal.write(Caller.of(token), request)
                .map(e -> RestResponse.ResponseBuilder.<JournalView>created(URI.create("/journal/" + e.id()))
                        .entity(e)
                        .build());
    }

    @GET
    @Operation(summary = "Journal entries, newest first: your own, or a mentee's (text only where shared)")
    public Uni<PageView<JournalView>> list(
            @QueryParam("memberId") String memberId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        var caller = Caller.of(token);
        var member = QueryParams.uuid("memberId", memberId);
        return journal.ofMember(caller, member == null ? caller.id() : member, page, size);
    }

    @GET
    @Path("/{id}")
    public Uni<JournalView> get(@PathParam("id") UUID id) {
        return journal.get(Caller.of(token), id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Edit your entry: text, mood, or whether your mentor may read it")
    public Uni<JournalView> edit(@PathParam("id") UUID id, @NotNull @Valid JournalUpdate request) {
        return journal.edit(Caller.of(token), id, request);
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return journal.delete(Caller.of(token), id).map(v -> RestResponse.noContent());
    }
}
