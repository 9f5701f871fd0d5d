package jp.madoguchi.testing;

import static io.restassured.RestAssured.given;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The dev stack's SMTP inbox, read through its HTTP API. */
public final class MailInbox {

    private MailInbox() {
    }

    public static List<Mail> to(String address) {
        return List.of(given().queryParam("to", address)
                .get(Stack.get().mailApiUrl() + "/api/messages")
                .then().statusCode(200)
                .extract().as(Mail[].class));
    }

    /** Every message the stack's SMTP server received. */
    public static List<Mail> all() {
        return List.of(given().get(Stack.get().mailApiUrl() + "/api/messages")
                .then().statusCode(200)
                .extract().as(Mail[].class));
    }

    /**
     * Sends a mail as a person would, over the stack's real SMTP server (to an office mailbox, say); the headers
     * may include {@code Message-ID}, {@code In-Reply-To}, {@code Auto-Submitted}, ... Returns its Message-ID.
     */
    public static String send(String from, String to, String subject, String text, java.util.Map<String, String> headers) {
        try {
            jakarta.mail.Session session = smtpSession();
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(session) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    if (getHeader("Message-ID") == null) {
                        super.updateMessageID();
                    }
                }
            };
            m.setFrom(new jakarta.mail.internet.InternetAddress(from));
            m.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
            m.setSubject(subject, "UTF-8");
            m.setText(text, "UTF-8");
            for (var h : headers.entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            m.saveChanges();
            jakarta.mail.Transport.send(m);
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A person's reply to {@code original} (one of ours), as a mail program writes it: "Re:" subject, In-Reply-To and
     * References naming its Message-ID, the person's words above the quoted first line.
     */
    public static String reply(Mail original, String from, String to, String words) {
        String messageId = original.headers().get("Message-ID");
        if (messageId == null) {
            throw new AssertionError("our emails carry a Message-ID: " + original.subject());
        }
        return send(from, to, "Re: " + original.subject(),
                words + "\n\n> " + original.text().lines().findFirst().orElse(""),
                java.util.Map.of("In-Reply-To", messageId, "References", messageId));
    }

    /** Sends raw RFC 5322 bytes (a delivery report, say) from {@code from} to {@code to} over the stack's SMTP. */
    public static void sendRaw(String to, String raw) {
        try {
            jakarta.mail.Session session = smtpSession();
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(session,
                    new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            jakarta.mail.Transport.send(m, new jakarta.mail.Address[] {new jakarta.mail.internet.InternetAddress(to)});
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A delivery report (RFC 3464), as a receiving mail server sends it to the envelope sender: {@code recipient}
     * could not be reached by the message {@code messageId} (with its angle brackets) sent from {@code from}.
     */
    public static void sendDeliveryReport(String to, String recipient, String from, String messageId) {
        String boundary = "dsn-" + java.util.UUID.randomUUID();
        sendRaw(to, String.join("\r\n",
                "From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>",
                "To: " + to,
                "Subject: Undelivered Mail Returned to Sender",
                "Message-ID: <" + java.util.UUID.randomUUID() + "@mx.example.jp>",
                "Auto-Submitted: auto-replied",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"",
                "",
                "--" + boundary,
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "The mail system could not deliver your message: user unknown.",
                "--" + boundary,
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mx.example.jp",
                "",
                "Final-Recipient: rfc822; " + recipient,
                "Action: failed",
                "Status: 5.1.1",
                "--" + boundary,
                "Content-Type: text/rfc822-headers",
                "",
                "From: " + from,
                "To: " + recipient,
                "Message-ID: " + messageId,
                "Subject: (the message we sent)",
                "",
                "--" + boundary + "--",
                ""));
    }

    private static jakarta.mail.Session smtpSession() {
        java.util.Properties p = new java.util.Properties();
        p.put("mail.smtp.host", Stack.get().smtpHost());
        p.put("mail.smtp.port", String.valueOf(Stack.get().smtpPort()));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        return jakarta.mail.Session.getInstance(p);
    }

    /** Takes the stack's SMTP server down: senders get connection refused until {@link #startSmtp()}. */
    public static void stopSmtp() {
        given().post(Stack.get().mailApiUrl() + "/api/smtp/stop").then().statusCode(204);
    }

    public static void startSmtp() {
        given().post(Stack.get().mailApiUrl() + "/api/smtp/start").then().statusCode(204);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mail(String id, String from, List<String> to, String subject, String text, String html,
            List<Attachment> attachments, java.util.Map<String, String> headers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attachment(String filename, String contentType, String content) {
    }
}
