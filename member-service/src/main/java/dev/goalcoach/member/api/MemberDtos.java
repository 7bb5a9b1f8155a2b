package dev.goalcoach.member.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.goalcoach.member.Member;
import dev.goalcoach.member.MemberGroup;
import dev.goalcoach.member.MemberRules;
import dev.goalcoach.member.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** The JSON shapes of member-service's API. */
public final class MemberDtos {

    public record RegisterRequest(
            @NotBlank @Size(max = MemberRules.MAX_EMAIL) String email,
            @NotBlank @Size(max = MemberRules.MAX_PASSWORD) String password,

            @NotBlank @Size(max = MemberRules.MAX_DISPLAY_NAME)
            String displayName,

            @NotBlank @Size(max = 64) String timezone) {}

    /** An admin creating a member, mentor or admin. */
    public record CreateMemberRequest(
            @NotBlank @Size(max = MemberRules.MAX_EMAIL) String email,
            @NotBlank @Size(max = MemberRules.MAX_PASSWORD) String password,

            @NotBlank @Size(max = MemberRules.MAX_DISPLAY_NAME)
            String displayName,

            @NotBlank @Size(max = 64) String timezone,
            @NotNull Role role,
            UUID mentorId) {}

    /**
     * A partial update: absent fields stay as they are. {@code role}, {@code mentorId} and {@code groupId} are an
     * admin's to change; a member may send their current values back unchanged.
     */
    public record UpdateMemberRequest(
            @Size(max = MemberRules.MAX_EMAIL) String email,
            @Size(max = MemberRules.MAX_DISPLAY_NAME) String displayName,
            @Size(max = 64) String timezone,
            @Size(max = MemberRules.MAX_PASSWORD) String password,
            @Size(max = MemberRules.MAX_PASSWORD) String currentPassword,
            Role role,
            UUID mentorId,
            UUID groupId) {}

    public record LoginRequest(
            @NotBlank @Size(max = MemberRules.MAX_EMAIL) String email,
            @NotBlank @Size(max = MemberRules.MAX_PASSWORD) String password) {}

    /**
     * The OAuth2 token answer (RFC 6749 §5.1), snake_case as that standard spells it. A member's sign-in and refresh
     * add the refresh token (single-use: each refresh answers a new one) and its lifetime; a service's token has none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("refresh_expires_in") Long refreshExpiresIn) {}

    /** A refresh token, to renew a session ({@code POST /auth/refresh}) or end it ({@code POST /auth/logout}). */
    public record RefreshRequest(
            @JsonProperty("refresh_token") @NotBlank @Size(max = 100)
            String refreshToken) {}

    /** A link's token, sent by a client that read it from the link. */
    public record LinkRequest(@NotBlank @Size(max = 100) String token) {}

    /** A forgotten password: the email of the account. */
    public record PasswordResetRequest(
            @NotBlank @Size(max = MemberRules.MAX_EMAIL) String email) {}

    /** A new password chosen with a reset link's token. */
    public record PasswordResetConfirm(
            @NotBlank @Size(max = 100) String token,
            @NotBlank @Size(max = MemberRules.MAX_PASSWORD) String password) {}

    public record AssignMentorRequest(UUID mentorId) {}

    public record MemberView(
            UUID id,
            String email,
            String displayName,
            Role role,
            String timezone,
            boolean emailVerified,
            UUID mentorId,
            UUID groupId,
            Instant createdAt,
            Instant updatedAt,
            long revision) {
        public static MemberView of(Member m) {
            return new MemberView(
                    m.id,
                    m.email,
                    m.displayName,
                    m.role,
                    m.timezone,
                    m.emailVerified(),
                    m.mentorId,
                    m.groupId,
                    m.createdAt,
                    m.updatedAt,
                    m.revision);
        }
    }

    public record CreateGroupRequest(
            @NotBlank @Size(max = MemberRules.MAX_DISPLAY_NAME)
            String name,

            UUID mentorId) {}

    public record GroupView(UUID id, String name, UUID mentorId, Instant createdAt) {
        public static GroupView of(MemberGroup g) {
            return new GroupView(g.id, g.name, g.mentorId, g.createdAt);
        }
    }

    private MemberDtos() {}
}
