package dev.goalcoach.kit.mail;

import dev.goalcoach.kit.messaging.Backoff;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends the queued mail ({@link MailQueue}) through Quarkus Mailer over SMTP, oldest first, and deletes each mail
 * once the server took it. A mail the server refused or could not take (down, timed out) stays queued and is tried
 * again after a wait that doubles up to {@code max-backoff}: nothing accepted is lost while the server is away.
 * Delivery is at-least-once: a relay that dies between the server's answer and its commit sends that mail again.
 * One thread per replica; rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);

    private static final String CLAIM = "select id, kind, recipient, subject, text_body, html_body, unsubscribe_url,"
            + " attempts from mail_outbox where next_attempt_at <= now() order by created_at limit ?"
            + " for update skip locked";

    private record Queued(
            UUID id,
            String kind,
            String to,
            String subject,
            String text,
            String html,
            String unsubscribe,
            int attempts) {}

    private final AgroalDataSource dataSource;
    private final Mailer mailer;
    private final MailConfig config;
    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final Counter failures;

    private volatile boolean running;
    private volatile Thread worker;

    public MailRelay(AgroalDataSource dataSource, Mailer mailer, MailConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.mailer = mailer;
        this.config = config;
        this.registry = registry;
        Gauge.builder("goalcoach.mail.pending", pending, AtomicLong::get)
                .description("Mails queued and not yet taken by the SMTP server")
                .register(registry);
        this.failures = Counter.builder("goalcoach.mail.failures")
                .description("Mails the SMTP server did not take at an attempt (they stay queued)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("mail relay disabled on this replica");
            return;
        }
        running = true;
        worker = new Thread(this::run, "mail-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Mails queued and not yet sent, as of the last pass. */
    public long pending() {
        return pending.get();
    }

    private void run() {
        var backoff = new Backoff(config.pollInterval(), config.maxBackoff());
        while (running) {
            boolean full;
            try {
                full = sendDue();
                backoff.reset();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf(
                        "mail relay: the queue could not be read (%s); again in %s", e.getMessage(), backoff.current());
                full = false;
                sleep(backoff.current().toMillis());
                backoff.failed();
                continue;
            }
            if (!full) {
                sleep(config.pollInterval().toMillis());
            }
        }
    }

    /** One pass: sends what is due, up to a batch. True when the batch was full (more may be waiting). */
    boolean sendDue() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                var due = claim(c);
                for (Queued mail : due) {
                    send(c, mail);
                }
                try (var s = c.createStatement();
                        var rs = s.executeQuery("select count(*) from mail_outbox")) {
                    rs.next();
                    pending.set(rs.getLong(1));
                }
                c.commit();
                return due.size() == config.batchSize();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<Queued> claim(Connection c) throws SQLException {
        var out = new ArrayList<Queued>();
        try (var s = c.prepareStatement(CLAIM)) {
            s.setInt(1, config.batchSize());
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Queued(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getInt(8)));
                }
            }
        }
        return out;
    }

    private void send(Connection c, Queued q) throws SQLException {
        var mail = Mail.withText(q.to(), q.subject(), q.text());
        if (q.html() != null) {
            mail.setHtml(q.html());
        }
        if (q.unsubscribe() != null) {
            // RFC 2369 and RFC 8058: mail clients show their own unsubscribe button, which POSTs to the link
            mail.addHeader("List-Unsubscribe", "<" + q.unsubscribe() + ">");
            mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            failures.increment();
            long waitMs = Math.min(
                    config.maxBackoff().toMillis(), config.pollInterval().toMillis() << Math.min(q.attempts(), 20));
            LOG.warnf(
                    "mail relay: %s mail %s not sent (attempt %d: %s); again in %d ms",
                    q.kind(), q.id(), q.attempts() + 1, e.getMessage(), waitMs);
            try (var s = c.prepareStatement("update mail_outbox set attempts = attempts + 1, last_error = ?,"
                    + " next_attempt_at = now() + ? * interval '1 millisecond' where id = ?")) {
                s.setString(1, String.valueOf(e.getMessage()));
                s.setLong(2, waitMs);
                s.setObject(3, q.id());
                s.executeUpdate();
            }
            return;
        }
        try (var s = c.prepareStatement("delete from mail_outbox where id = ?")) {
            s.setObject(1, q.id());
            s.executeUpdate();
        }
        Counter.builder("goalcoach.mail.sent")
                .description("Mails the SMTP server took")
                .tag("kind", q.kind())
                .register(registry)
                .increment();
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
