package dev.goalcoach.kit.mail;

import java.util.Objects;
import java.util.UUID;

/**
 * A mail to send, rendered: plain text always, HTML when the service has it. {@code memberId} is whom it concerns
 * (erasure drops their unsent mail); {@code kind} names it in metrics and logs ({@code verify-email}, {@code
 * reminder}); {@code unsubscribeUrl}, when set, goes in the {@code List-Unsubscribe} header as well as the body.
 */
public record OutgoingMail(
        UUID memberId, String kind, String to, String subject, String text, String html, String unsubscribeUrl) {

    public OutgoingMail {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }
}
