package dev.goalcoach.local;

import dev.goalcoach.embedded.MailServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./run}'s mailbox, served by the local gateway: every mail the services sent through the launcher's SMTP
 * server, newest first — {@code /dev/mail} as a page (links clickable: a verification or reset link is followed
 * from here), {@code /dev/mail.json} for scripts (the demo follows verification links with it). {@code ?to=} keeps
 * one recipient's. Only on the local gateway with its own mail server; never in Kubernetes.
 */
final class DevMail {

    static final String PAGE = "/dev/mail";
    static final String JSON = "/dev/mail.json";

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    static void answer(HttpServerRequest in, MailServer mail) {
        if (!in.method().name().equals("GET")) {
            in.response()
                    .setStatusCode(405)
                    .putHeader("Allow", "GET")
                    .putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,"
                            + "\"detail\":\"the mailbox is read with GET\"}");
            return;
        }
        String to = in.getParam("to");
        List<MailServer.Mail> mails = new ArrayList<>(to == null || to.isBlank() ? mail.received() : mail.to(to));
        Collections.reverse(mails);
        if (in.path().equals(JSON)) {
            var list = new JsonArray();
            for (var m : mails) {
                list.add(new JsonObject()
                        .put("receivedAt", m.receivedAt().toString())
                        .put("from", m.from())
                        .put("to", new JsonArray(m.to()))
                        .put("subject", m.subject())
                        .put("text", m.text())
                        .put("html", m.html()));
            }
            in.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(list.encode());
            return;
        }
        var page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>GoalCoach: mail sent</title><style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto}"
                + "article{border-top:1px solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap}</style></head><body>"
                + "<h1>Mail sent by GoalCoach (" + mails.size() + ")</h1>"
                + "<p>What the services sent through <code>./run</code>'s own SMTP server, newest first."
                + " As JSON: <a href=\"" + JSON + "\">" + JSON + "</a>.</p>");
        for (var m : mails) {
            page.append("<article><h2>")
                    .append(escape(m.subject()))
                    .append("</h2><p>to ")
                    .append(escape(String.join(", ", m.to())))
                    .append(" at ")
                    .append(m.receivedAt())
                    .append("</p><pre>")
                    .append(linked(escape(m.text() == null ? "" : m.text())))
                    .append("</pre></article>");
        }
        page.append("</body></html>");
        in.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(page.toString());
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Escaped text with its links made clickable (a link's own characters are escaped already). */
    private static String linked(String escaped) {
        Matcher m = LINK.matcher(escaped);
        return m.replaceAll(r -> "<a href=\"" + Matcher.quoteReplacement(r.group()) + "\">"
                + Matcher.quoteReplacement(r.group()) + "</a>");
    }

    private DevMail() {}
}
