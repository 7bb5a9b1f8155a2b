package dev.goalcoach.mentor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A mentor's private note about a mentee: the author's own, never shown to the member. */
@Entity
@Table(name = "mentor_notes")
public class MentorNote {

    public static final int MAX_TEXT = 4_000;

    @Id
    public UUID id;

    @Column(name = "mentor_id")
    public UUID mentorId;

    @Column(name = "member_id")
    public UUID memberId;

    public String text;

    /** Counts the note's versions: two edits at once never silently lose one. */
    @Version
    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
