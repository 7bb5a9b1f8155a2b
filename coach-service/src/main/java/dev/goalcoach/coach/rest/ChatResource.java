package dev.goalcoach.coach.rest;

import dev.goalcoach.coach.api.CoachDtos.ChatReply;
import dev.goalcoach.coach.api.CoachDtos.ChatRequest;
import dev.goalcoach.coach.api.CoachDtos.MessageView;
import dev.goalcoach.coach.service.ChatService;
import dev.goalcoach.kit.rest.PageView;
import dev.goalcoach.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/chat")
@Tag(name = "chat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
public class ChatResource {

    private final ChatService chat;
    private final JsonWebToken token;

    public ChatResource(ChatService chat, JsonWebToken token) {
        this.chat = chat;
        this.token = token;
    }

    @POST
    @Path("/")
    @Operation(summary = "Send the coach a message (1–4,000 characters); the reply is grounded in your own numbers")
    public Uni<ChatReply> send(
            @Valid @NotNull ChatRequest request, @HeaderParam("Authorization") String authorization) {
        return chat.chat(Caller.of(token), authorization, request);
    }

    @GET
    @Path("/{user_id}/history")
    @Operation(summary = "A member's conversation with the coach, newest first (the member, an admin)")
    public Uni<PageView<MessageView>> history(
            @PathParam("user_id") UUID userId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(PageView.MAX_SIZE) int size) {
        return chat.history(Caller.of(token), userId, page, size);
    }
}
