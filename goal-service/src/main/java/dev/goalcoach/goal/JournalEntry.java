package dev.goalcoach.goal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A member's journal entry, with the sentiment coach-service read in it. */
@Entity
@Table(name = "journal_entries")
public class JournalEntry {

    public static final int MAX_TEXT = 10_000;

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    public String text;

    /** 1 (low) to 5 (high), as the member felt. */
    public Integer mood;

    @Column(name = "shared_with_mentor")
    public boolean sharedWithMentor;

    @Column(name = "sentiment_score")
    public BigDecimal sentimentScore;

    @Column(name = "sentiment_label")
    public String sentimentLabel;

    /** Comma-separated. */
    public String emotions;

    /** Provider and model that read the sentiment. */
    @Column(name = "sentiment_model")
    public String sentimentModel;

    /** The entry revision the sentiment was read from: an analysis of older text never overwrites a newer one. */
    @Column(name = "sentiment_revision")
    public Long sentimentRevision;

    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
