package dev.goalcoach.mentor.rest;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.kit.problem.QueryParams;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.mentor.api.MentorDtos.NoteRequest;
import dev.goalcoach.mentor.api.MentorDtos.NoteUpdate;
import dev.goalcoach.mentor.api.MentorDtos.NoteView;
import dev.goalcoach.mentor.service.NoteService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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

@Path("/mentor/notes")
@Tag(name = "notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MENTOR, Roles.ADMIN})
@SecurityRequirement(name = "SecurityScheme")
public class NoteResource {

    private final NoteService notes;
    private final JsonWebToken token;

    public NoteResource(NoteService notes, JsonWebToken token) {
        this.notes = notes;
        this.token = token;
    }

    @POST
    @Operation(summary = "Write a private note about one of your mentees (up to 4,000 characters; never shown to them)")
    public Uni<RestResponse<NoteView>> write(@NotNull @Valid NoteRequest request) {
        return notes.write(Caller.of(token), request)
                .map(n -> RestResponse.ResponseBuilder.<NoteView>created(URI.create("/mentor/notes/" + n.id()))
                        .entity(n)
                        .build());
    }

    @GET
    @Operation(summary = "Your notes about a mentee, newest first (an admin: every mentor's)")
    public Uni<PageView<NoteView>> list(
            @QueryParam("memberId") String memberId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        var member = QueryParams.uuid("memberId", memberId);
        if (member == null) {
            throw ProblemException.invalidField("memberId", "is required");
        }
        return notes.about(Caller.of(token), member, page, size);
    }

    @GET
    @Path("/{id}")
    public Uni<NoteView> get(@PathParam("id") UUID id) {
        return notes.get(Caller.of(token), id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Rewrite your note")
    public Uni<NoteView> edit(@PathParam("id") UUID id, @NotNull @Valid NoteUpdate request) {
        return notes.edit(Caller.of(token), id, request);
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return notes.delete(Caller.of(token), id).map(v -> RestResponse.noContent());
    }
}
