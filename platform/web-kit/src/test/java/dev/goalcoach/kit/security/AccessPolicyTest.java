package dev.goalcoach.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AccessPolicyTest {

    private final UUID owner = UUID.randomUUID();
    private final UUID ownersMentor = UUID.randomUUID();

    @Test
    void theOwnerReadsAndWrites() {
        var self = new Caller(owner, Roles.MEMBER);
        assertThat(AccessPolicy.mayRead(self, owner, ownersMentor)).isTrue();
        assertThat(AccessPolicy.mayWrite(self, owner)).isTrue();
    }

    @Test
    void theirMentorReadsButDoesNotWrite() {
        var mentor = new Caller(ownersMentor, Roles.MENTOR);
        assertThat(AccessPolicy.mayRead(mentor, owner, ownersMentor)).isTrue();
        assertThat(AccessPolicy.mayWrite(mentor, owner)).isFalse();
    }

    @Test
    void anotherMentorOrMemberGetsNothing() {
        var otherMentor = new Caller(UUID.randomUUID(), Roles.MENTOR);
        var otherMember = new Caller(UUID.randomUUID(), Roles.MEMBER);
        assertThat(AccessPolicy.mayRead(otherMentor, owner, ownersMentor)).isFalse();
        assertThat(AccessPolicy.mayRead(otherMember, owner, ownersMentor)).isFalse();
        assertThat(AccessPolicy.mayRead(otherMentor, owner, null)).isFalse();
        assertThat(AccessPolicy.mayWrite(otherMember, owner)).isFalse();
    }

    @Test
    void aMemberWhoseIdHappensToBeTheMentorFieldIsNotAMentor() {
        // only the MENTOR role turns "my id is your mentor id" into access
        var impostor = new Caller(ownersMentor, Roles.MEMBER);
        assertThat(AccessPolicy.mayRead(impostor, owner, ownersMentor)).isFalse();
    }

    @Test
    void anAdminReadsAndWritesEverything() {
        var admin = new Caller(UUID.randomUUID(), Roles.ADMIN);
        assertThat(AccessPolicy.mayRead(admin, owner, null)).isTrue();
        assertThat(AccessPolicy.mayWrite(admin, owner)).isTrue();
    }
}
