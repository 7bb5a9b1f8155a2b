package dev.goalcoach.events;

import java.time.Instant;
import java.util.UUID;

/** A member was erased: every service removes all of that member's data when it sees this. */
public record MemberDeleted(UUID memberId, long revision, Instant deletedAt) {}
