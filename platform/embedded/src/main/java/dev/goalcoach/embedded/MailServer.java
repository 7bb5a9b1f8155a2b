package dev.goalcoach.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A real SMTP server (GreenMail) on loopback in this JVM: it accepts every message for every address, keeps them in
 * memory and shows them back. What {@code ./run} and the test kit give the services to send mail through when no
 * SMTP server is configured. Stopped and started again on the same port, it is a mail outage a sender must outlive.
 */
public final class MailServer implements AutoCloseable {

    /** A message as received: its envelope's addresses, subject and the plain-text and HTML parts. */
    public record Mail(Instant receivedAt, String from, List<String> to, String subject, String text, String html) {

        /** The first link in the plain-text part that starts with {@code prefix}, or null. */
        public String link(String prefix) {
            int at = text == null ? -1 : text.indexOf(prefix);
            if (at < 0) {
                return null;
            }
            int end = at;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '>') {
                end++;
            }
            return text.substring(at, end);
        }
    }

    private final int port;
    private GreenMail server;

    private MailServer(int port) {
        this.port = port;
    }

    /** Starts a server on {@code port} of 127.0.0.1 (0 = any free port). */
    public static MailServer start(int port) {
        var mail = new MailServer(port == 0 ? KafkaBroker.freePort() : port);
        mail.startServer();
        return mail;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Every message received since the start or the last {@link #clear()}, oldest first. */
    public synchronized List<Mail> received() {
        if (server == null) {
            return List.of();
        }
        var out = new ArrayList<Mail>();
        for (MimeMessage m : server.getReceivedMessages()) {
            out.add(read(m));
        }
        return out;
    }

    /** The messages received for {@code address} (case-insensitive), oldest first. */
    public List<Mail> to(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        return received().stream()
                .filter(m ->
                        m.to().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(wanted)))
                .toList();
    }

    public synchronized void clear() {
        if (server != null) {
            try {
                server.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                throw new IllegalStateException("could not empty the mailboxes", e);
            }
        }
    }

    /** Stops accepting mail (what was received is dropped); {@link #restart()} takes the same port again. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        var smtp = new GreenMail(new ServerSetup(port, host(), ServerSetup.PROTOCOL_SMTP));
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        server = smtp;
    }

    private static Mail read(MimeMessage m) {
        try {
            var to = m.getAllRecipients() == null
                    ? List.<String>of()
                    : Arrays.stream(m.getAllRecipients())
                            .map(MailServer::address)
                            .toList();
            Address[] from = m.getFrom();
            var parts = new String[2];
            collect(m, parts);
            Instant at = m.getReceivedDate() != null
                    ? m.getReceivedDate().toInstant()
                    : m.getSentDate() != null ? m.getSentDate().toInstant() : Instant.now();
            return new Mail(
                    at,
                    from == null || from.length == 0 ? null : address(from[0]),
                    to,
                    m.getSubject(),
                    parts[0],
                    parts[1]);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("a received message could not be read", e);
        }
    }

    /** The first text/plain part into {@code parts[0]}, the first text/html into {@code parts[1]}. */
    private static void collect(Part part, String[] parts) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && parts[0] == null) {
            parts[0] = String.valueOf(part.getContent());
        } else if (part.isMimeType("text/html") && parts[1] == null) {
            parts[1] = String.valueOf(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, parts);
            }
        } else if (part instanceof Message && part.getContent() instanceof Part inner) {
            collect(inner, parts);
        }
    }

    private static String address(Address a) {
        String s = a.toString();
        int lt = s.indexOf('<');
        int gt = s.indexOf('>');
        return lt >= 0 && gt > lt ? s.substring(lt + 1, gt) : s;
    }
}
