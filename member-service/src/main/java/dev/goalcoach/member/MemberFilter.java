package dev.goalcoach.member;

import java.util.UUID;

/** Which members a listing asks for; a null field does not narrow it. */
public record MemberFilter(Role role, UUID mentorId, UUID groupId) {}
