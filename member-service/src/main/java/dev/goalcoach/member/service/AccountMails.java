package dev.goalcoach.member.service;

import dev.goalcoach.kit.mail.MailConfig;
import dev.goalcoach.kit.mail.MailQueue;
import dev.goalcoach.kit.mail.OutgoingMail;
import dev.goalcoach.member.Member;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The mails member-service sends about an account, rendered (Qute, plain text and HTML) and queued in the caller's
 * transaction. They are security mails a member cannot turn off (a verification, a reset, a notice that the address
 * changed), so they carry no unsubscribe link; each says what to do if the member did not ask for it.
 */
@ApplicationScoped
public class AccountMails {

    private final MailQueue queue;
    private final MailConfig mail;
    private final Template verifyText;
    private final Template verifyHtml;
    private final Template resetText;
    private final Template resetHtml;
    private final Template emailChangedText;
    private final Template emailChangedHtml;

    public AccountMails(
            MailQueue queue,
            MailConfig mail,
            @Location("mail/verify-email.txt") Template verifyText,
            @Location("mail/verify-email.html") Template verifyHtml,
            @Location("mail/reset-password.txt") Template resetText,
            @Location("mail/reset-password.html") Template resetHtml,
            @Location("mail/email-changed.txt") Template emailChangedText,
            @Location("mail/email-changed.html") Template emailChangedHtml) {
        this.queue = queue;
        this.mail = mail;
        this.verifyText = verifyText;
        this.verifyHtml = verifyHtml;
        this.resetText = resetText;
        this.resetHtml = resetHtml;
        this.emailChangedText = emailChangedText;
        this.emailChangedHtml = emailChangedHtml;
    }

    /** The link to verify {@code m}'s address with {@code token}, valid for {@code ttl}. */
    public Uni<Void> verification(Member m, String token, Duration ttl) {
        var data = Map.<String, Object>of(
                "name", m.displayName, "link", link("/auth/verify-email", token), "hours", ttl.toHours());
        return send(m, m.email, "verify-email", "Confirm your email for GoalCoach", verifyText, verifyHtml, data);
    }

    /** The link to choose a new password with {@code token}, valid for {@code ttl}. */
    public Uni<Void> reset(Member m, String token, Duration ttl) {
        var data = Map.<String, Object>of(
                "name", m.displayName, "link", link("/auth/password-reset", token), "minutes", ttl.toMinutes());
        return send(m, m.email, "reset-password", "Reset your GoalCoach password", resetText, resetHtml, data);
    }

    /** A notice to the address a member left: if it was not them, they know now. */
    public Uni<Void> emailChanged(Member m, String oldEmail) {
        var data = Map.<String, Object>of("name", m.displayName, "newEmail", m.email);
        return send(
                m,
                oldEmail,
                "email-changed",
                "Your GoalCoach email was changed",
                emailChangedText,
                emailChangedHtml,
                data);
    }

    private Uni<Void> send(
            Member m, String to, String kind, String subject, Template text, Template html, Map<String, Object> data) {
        return queue.enqueue(new OutgoingMail(
                        m.id,
                        kind,
                        to,
                        subject,
                        text.data(data).render(),
                        html.data(data).render(),
                        null))
                .replaceWithVoid();
    }

    private String link(String path, String token) {
        String base = mail.publicUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
