package dev.goalcoach.coach;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One message of a member's conversation with the coach: theirs (MEMBER) or the coach's reply (COACH). */
@Entity
@Table(name = "chat_messages")
public class ChatMessage {

    public static final int MAX_MESSAGE = 4000;

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    /** MEMBER or COACH. */
    public String role;

    public String text;

    /** A reply's provider and model; null on the member's messages. */
    public String provider;

    public String model;

    /** A reply's context: JSON of which parts it used and where each came from. */
    @Column(name = "context_used")
    public String contextUsed;

    @Column(name = "input_tokens")
    public Integer inputTokens;

    @Column(name = "output_tokens")
    public Integer outputTokens;

    @Column(name = "latency_ms")
    public Long latencyMs;

    @Column(name = "created_at")
    public Instant createdAt;
}
