package dev.goalcoach.member.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goalcoach.kit.problem.QueryParams;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.rest.Revisions;
import dev.goalcoach.kit.security.Caller;
import dev.goalcoach.kit.security.Roles;
import dev.goalcoach.member.MemberFilter;
import dev.goalcoach.member.Role;
import dev.goalcoach.member.api.MemberDtos.AssignMentorRequest;
import dev.goalcoach.member.api.MemberDtos.CreateMemberRequest;
import dev.goalcoach.member.api.MemberDtos.MemberView;
import dev.goalcoach.member.api.MemberDtos.UpdateMemberRequest;
import dev.goalcoach.member.service.DataExport;
import dev.goalcoach.member.service.MemberService;
import dev.goalcoach.member.service.Sessions;
import io.quarkus.security.Authenticated;
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
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/members")
@Tag(name = "members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class MemberResource {

    private final MemberService members;
    private final DataExport export;
    private final Sessions sessions;
    private final JsonWebToken token;

    public MemberResource(MemberService members, DataExport export, Sessions sessions, JsonWebToken token) {
        this.members = members;
        this.sessions = sessions;
        this.export = export;
        this.token = token;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a member, mentor or admin (admin only; members sign up at /auth/register)")
    public Uni<RestResponse<MemberView>> create(@NotNull @Valid CreateMemberRequest request) {
        return members.create(members.validate(request), request.password())
                .map(m -> RestResponse.ResponseBuilder.<MemberView>created(URI.create("/members/" + m.id))
                        .entity(MemberView.of(m))
                        .build());
    }

    @GET
    @Operation(summary = "List members: an admin any, a mentor their mentees, a member themselves")
    public Uni<PageView<MemberView>> list(
            @QueryParam("role") String role,
            @QueryParam("mentorId") String mentorId,
            @QueryParam("groupId") String groupId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        var filter = new MemberFilter(
                QueryParams.oneOf("role", role, Role.class),
                QueryParams.uuid("mentorId", mentorId),
                QueryParams.uuid("groupId", groupId));
        return members.list(Caller.of(token), filter, page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a member: yourself, a mentee, or anyone as admin")
    @APIResponse(
            responseCode = "200",
            description = "The member; the ETag header is their revision, for If-Match on PUT",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<MemberView>> get(@PathParam("id") UUID id) {
        return members.get(Caller.of(token), id).map(v -> Revisions.ok(v, v.revision()));
    }

    @PUT
    @Path("/{id}")
    @Operation(
            summary = "Change a member: absent fields stay; role, mentor and group are an admin's to change. With"
                    + " If-Match (the ETag a GET returned) the change applies only to that revision, else 412")
    @APIResponse(responseCode = "412", description = "If-Match named a revision the member no longer has")
    public Uni<RestResponse<MemberView>> update(
            @PathParam("id") UUID id,
            @NotNull @Valid UpdateMemberRequest request,
            @HeaderParam("If-Match") String ifMatch) {
        return members.update(Caller.of(token), id, request, Revisions.IfMatch.of(ifMatch))
                .map(v -> Revisions.ok(v, v.revision()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Erase a member everywhere (member.deleted): yourself, or anyone as admin")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return members.delete(Caller.of(token), id).map(v -> RestResponse.noContent());
    }

    @DELETE
    @Path("/{id}/sessions")
    @Operation(
            summary = "Sign out everywhere: every refresh token of the member stops working (yourself, or anyone as"
                    + " admin); access tokens already issued run out within minutes")
    @APIResponse(responseCode = "204", description = "Every session ended")
    public Uni<RestResponse<Void>> endSessions(@PathParam("id") UUID id) {
        return sessions.revokeAll(Caller.of(token), id).map(v -> RestResponse.noContent());
    }

    @GET
    @Path("/{id}/export")
    @Operation(
            summary = "Everything every service holds about a member, in one JSON document (yourself, or anyone as"
                    + " admin): profile, goals, plans, habits, check-ins, journal, chat, notifications, reports,"
                    + " alerts, who looked at your data, metrics; mentors' notes excluded. 503 if a service does not"
                    + " answer: an export is whole or not given")
    @APIResponse(
            responseCode = "200",
            description = "The export, as a download (format goalcoach-export/1)",
            headers = @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "A service did not answer; Retry-After says when to try again")
    public Uni<RestResponse<ObjectNode>> export(
            @PathParam("id") UUID id, @HeaderParam("Authorization") String authorization) {
        return export.of(Caller.of(token), id, authorization)
                .map(doc -> RestResponse.ResponseBuilder.ok(doc)
                        .header("Content-Disposition", "attachment; filename=\"goalcoach-export-" + id + ".json\"")
                        .header("Cache-Control", "no-store")
                        .build());
    }

    @PUT
    @Path("/{id}/mentor")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Assign a mentor (or none, with mentorId null): admin only")
    public Uni<MemberView> assignMentor(@PathParam("id") UUID id, @NotNull @Valid AssignMentorRequest request) {
        return members.assignMentor(id, request.mentorId());
    }
}
