package dev.goalcoach.member;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A person using GoalCoach: a member working on goals, a mentor guiding members, or an admin. */
@Entity
@Table(name = "members")
public class Member {

    @Id
    public UUID id;

    /** Lower-cased: emails are unique whatever their letter case. */
    public String email;

    @Column(name = "display_name")
    public String displayName;

    @Enumerated(EnumType.STRING)
    public Role role;

    /** IANA time zone id: where the member's day starts and ends. */
    public String timezone;

    @Column(name = "mentor_id")
    public UUID mentorId;

    @Column(name = "group_id")
    public UUID groupId;

    @Column(name = "password_hash")
    public String passwordHash;

    /** When the member proved the email is theirs (a link mailed to it followed); null until then. */
    @Column(name = "email_verified_at")
    public Instant emailVerifiedAt;

    /**
     * Grows with every change; published with each snapshot so consumers can drop stale ones. The optimistic lock:
     * a write whose row changed since it was read fails (and is retried from the read, see kit.db.Transactions),
     * so no two committed changes share a revision and none is lost. Its ETag over HTTP.
     */
    @Version
    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public void touch(Instant now) {
        revision++;
        updatedAt = now;
    }
}
