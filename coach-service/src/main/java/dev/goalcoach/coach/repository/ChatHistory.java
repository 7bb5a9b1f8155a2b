package dev.goalcoach.coach.repository;

import dev.goalcoach.coach.ChatMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** A member's conversation with the coach ({@code chat_messages}), in the session of the caller's work. */
@ApplicationScoped
public class ChatHistory {

    /** One page of messages, newest first, and how many there are. */
    public record Page(List<ChatMessage> messages, long total) {}

    /** The member's last {@code limit} messages, newest first. */
    public Uni<List<ChatMessage>> latest(UUID member, int limit) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery(
                                "from ChatMessage where memberId = :member order by createdAt desc, id desc",
                                ChatMessage.class)
                        .setParameter("member", member)
                        .setMaxResults(limit)
                        .getResultList());
    }

    /** A message and the coach's reply, in that order. */
    public Uni<Void> persist(ChatMessage message, ChatMessage reply) {
        return Panache.getSession().chain(s -> s.persist(message).chain(() -> s.persist(reply)));
    }

    public Uni<Page> page(UUID member, int page, int size) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery(
                                "from ChatMessage where memberId = :member order by createdAt desc, id desc",
                                ChatMessage.class)
                        .setParameter("member", member)
                        .setFirstResult(page * size)
                        .setMaxResults(size)
                        .getResultList()
                        .chain(rows -> s.createSelectionQuery(
                                        "select count(*) from ChatMessage where memberId = :member", Long.class)
                                .setParameter("member", member)
                                .getSingleResult()
                                .map(total -> new Page(rows, total))));
    }
}
