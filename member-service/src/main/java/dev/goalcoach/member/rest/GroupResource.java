package dev.goalcoach.member.rest;

import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.member.api.MemberDtos.CreateGroupRequest;
import dev.goalcoach.member.api.MemberDtos.GroupView;
import dev.goalcoach.member.api.MemberDtos.MemberView;
import dev.goalcoach.member.service.GroupService;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/groups")
@Tag(name = "groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class GroupResource {

    private final GroupService groups;
    private final JsonWebToken token;

    public GroupResource(GroupService groups, JsonWebToken token) {
        this.groups = groups;
        this.token = token;
    }

    @POST
    @Operation(summary = "Create a cohort: a mentor for themselves, an admin for a mentor")
    public Uni<RestResponse<GroupView>> create(@NotNull @Valid CreateGroupRequest request) {
        return groups.create(Caller.of(token), request)
                .map(g -> RestResponse.ResponseBuilder.<GroupView>created(URI.create("/groups/" + g.id()))
                        .entity(g)
                        .build());
    }

    @GET
    @Operation(summary = "Cohorts you can see: all (admin), your own (mentor), yours (member)")
    public Uni<List<GroupView>> list() {
        return groups.list(Caller.of(token));
    }

    @GET
    @Path("/{id}")
    public Uni<GroupView> get(@PathParam("id") UUID id) {
        return groups.get(Caller.of(token), id);
    }

    @GET
    @Path("/{id}/members")
    @Operation(summary = "A cohort's members: its mentor or an admin")
    public Uni<PageView<MemberView>> members(
            @PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        return groups.members(Caller.of(token), id, page, size);
    }

    @PUT
    @Path("/{id}/members/{memberId}")
    @Operation(summary = "Put one of the mentor's mentees into the cohort")
    public Uni<MemberView> addMember(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        return groups.addMember(Caller.of(token), id, memberId);
    }

    @DELETE
    @Path("/{id}/members/{memberId}")
    public Uni<RestResponse<Void>> removeMember(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        return groups.removeMember(Caller.of(token), id, memberId).map(v -> RestResponse.noContent());
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return groups.delete(Caller.of(token), id).map(v -> RestResponse.noContent());
    }
}
