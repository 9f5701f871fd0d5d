package jp.madoguchi.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * A real SMTP server (GreenMail) that accepts mail for anyone, and an inbox over HTTP: a JSON API for tests
 * and tools, and a plain page for people.
 */
final class MailInboxServer implements AutoCloseable {

    private static final java.util.Set<String> SHOWN_HEADERS = java.util.Set.of("message-id", "reply-to", "return-path",
            "auto-submitted", "in-reply-to", "references");


    private static final String LOOPBACK = "127.0.0.1";
    private final ServerSetup smtp;
    private final ServerSetup imap;
    private final HttpServer http;
    /** Mail received before an SMTP outage: a restarted server starts empty, but nothing delivered is forgotten. */
    private final List<MimeMessage> archived = new ArrayList<>();
    private volatile GreenMail greenMail;
    private final ObjectMapper json = new ObjectMapper();

    MailInboxServer(int smtpPort, int imapPort, int apiPort) throws IOException {
        smtp = new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP);
        // the office mailboxes, read by the notification service: mail sent to an address over SMTP is in that
        // address's IMAP mailbox (GreenMail's users are made on delivery, login and password the address: dev only)
        imap = new ServerSetup(imapPort, LOOPBACK, ServerSetup.PROTOCOL_IMAP);
        greenMail = greenMail();
        http = HttpServer.create(new InetSocketAddress(LOOPBACK, apiPort), 0);
        http.createContext("/api/messages", this::messages);
        http.createContext("/api/smtp", this::smtp);
        http.createContext("/", this::page);
        http.start();
    }

    /**
     * SMTP for everyone, and IMAP to each address's mailbox. The mailboxes take any password (loopback, dev only):
     * an office mailbox must be readable before its first mail arrives, when GreenMail has no user for it yet.
     */
    private GreenMail greenMail() {
        GreenMail g = new GreenMail(new ServerSetup[] {smtp, imap})
                .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig().withDisabledAuthentication());
        g.start();
        return g;
    }

    /** Serves another loopback-only API next to the inbox (the stack's control). */
    void handle(String path, com.sun.net.httpserver.HttpHandler handler) {
        http.createContext(path, handler);
    }

    private void messages(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("DELETE".equals(exchange.getRequestMethod())) {
                synchronized (this) {
                    archived.clear();
                    greenMail.purgeEmailFromAllMailboxes();
                }
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String to = query(exchange).get("to");
            byte[] body = json.writeValueAsBytes(list(to));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            byte[] body = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /**
     * Takes the SMTP server down ({@code POST /api/smtp/stop}) and brings it back ({@code POST /api/smtp/start}),
     * so a test can show that mail sent during an outage is delivered once the server is back. Loopback only.
     */
    private synchronized void smtp(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
            } else if (path.endsWith("/stop")) {
                if (greenMail.isRunning()) {
                    archived.addAll(List.of(greenMail.getReceivedMessages()));
                    greenMail.stop();
                }
                exchange.sendResponseHeaders(204, -1);
            } else if (path.endsWith("/start")) {
                if (!greenMail.isRunning()) {
                    GreenMail fresh = greenMail();
                    greenMail = fresh;
                }
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            StringBuilder html = new StringBuilder("<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                    + "<title>Madoguchi inbox</title><style>body{font-family:sans-serif;margin:2em}"
                    + "article{border:1px solid #ccc;margin:1em 0;padding:1em}pre{white-space:pre-wrap}</style></head>"
                    + "<body><h1>Madoguchi dev inbox</h1><p>Every email the local stack sent, newest first. "
                    + "JSON: <a href=\"/api/messages\">/api/messages</a></p>");
            List<Map<String, Object>> all = list(null);
            for (int i = all.size() - 1; i >= 0; i--) {
                Map<String, Object> m = all.get(i);
                html.append("<article><h2>").append(escape(String.valueOf(m.get("subject")))).append("</h2><p>")
                        .append(escape("From: " + m.get("from") + " / To: " + m.get("to") + " / " + m.get("date")))
                        .append("</p><pre>").append(escape(String.valueOf(m.get("text")))).append("</pre>");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> attachments = (List<Map<String, Object>>) m.get("attachments");
                for (Map<String, Object> a : attachments) {
                    html.append("<p>📎 ").append(escape(a.get("filename") + " (" + a.get("contentType") + ")")).append("</p>");
                }
                html.append("</article>");
            }
            byte[] body = html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    List<Map<String, Object>> list(String to) throws MessagingException, IOException {
        List<Map<String, Object>> result = new ArrayList<>();
        List<MimeMessage> all;
        synchronized (this) {
            all = new ArrayList<>(archived);
            all.addAll(List.of(greenMail.getReceivedMessages()));
        }
        MimeMessage[] received = all.toArray(new MimeMessage[0]);
        for (int i = 0; i < received.length; i++) {
            MimeMessage message = received[i];
            List<String> recipients = new ArrayList<>();
            Address[] addresses = message.getRecipients(Message.RecipientType.TO);
            if (addresses != null) {
                for (Address a : addresses) {
                    recipients.add(a.toString());
                }
            }
            if (to != null && recipients.stream().noneMatch(r -> r.toLowerCase().contains(to.toLowerCase()))) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Integer.toString(i));
            m.put("messageId", message.getMessageID());
            m.put("from", message.getFrom() == null || message.getFrom().length == 0 ? null
                    : MimeUtility.decodeText(message.getFrom()[0].toString()));
            m.put("to", recipients);
            m.put("subject", message.getSubject());
            m.put("date", message.getSentDate() == null ? null
                    : message.getSentDate().toInstant().atZone(ZoneId.of("Asia/Tokyo")).toOffsetDateTime().toString());
            Map<String, String> headers = new LinkedHashMap<>();
            for (var h : java.util.Collections.list(message.getAllHeaders())) {
                // our own headers, the Message-ID that tells a repeated send of one message from two messages, and
                // where replies and delivery reports go
                if (h.getName().startsWith("X-") || SHOWN_HEADERS.contains(h.getName().toLowerCase(java.util.Locale.ROOT))) {
                    headers.put(h.getName(), h.getValue());
                }
            }
            m.put("headers", headers);
            Parts parts = new Parts();
            collect(message, parts);
            m.put("text", parts.text);
            m.put("html", parts.html);
            m.put("attachments", parts.attachments);
            result.add(m);
        }
        return result;
    }

    private static final class Parts {
        String text;
        String html;
        final List<Map<String, Object>> attachments = new ArrayList<>();
    }

    private static void collect(Part part, Parts parts) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts);
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attachment && part.isMimeType("text/plain") && parts.text == null) {
            parts.text = String.valueOf(part.getContent());
        } else if (!attachment && part.isMimeType("text/html") && parts.html == null) {
            parts.html = String.valueOf(part.getContent());
        } else {
            byte[] bytes = readAll(part.getInputStream());
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("filename", part.getFileName() == null ? null : MimeUtility.decodeText(part.getFileName()));
            a.put("contentType", part.getContentType());
            a.put("size", bytes.length);
            a.put("content", part.isMimeType("text/*") ? new String(bytes, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(bytes));
            parts.attachments.add(a);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        http.stop(0);
        greenMail.stop();
    }

}
