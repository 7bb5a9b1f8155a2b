package dev.goalcoach.kit.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** {@code goalcoach.mail.*}: the mail relay's pace and where the links in a mail lead. */
@ConfigMapping(prefix = "goalcoach.mail")
public interface MailConfig {

    /** Whether this replica sends the queue (several may: rows are claimed with FOR UPDATE SKIP LOCKED). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for mail to send. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Mails sent per transaction. */
    @WithDefault("20")
    int batchSize();

    /** Longest wait before a mail that failed is tried again (doubles from poll-interval). */
    @WithDefault("15m")
    Duration maxBackoff();

    /**
     * The address people reach the suite at ({@code GOALCOACH_PUBLIC_URL}: the gateway, or the ingress in
     * production): links in mails (verification, reset, unsubscribe) start with it.
     */
    URI publicUrl();
}
