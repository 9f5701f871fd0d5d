package jp.madoguchi.notification.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * What a received mail says about itself, read from its raw bytes: who sent it, what it answers, whether a machine
 * sent it, and its text. Pure: no I/O beyond parsing.
 */
public record MailFacts(String messageId, String sender, String subject, String text, List<String> references,
        boolean automatic, boolean deliveryReport, List<String> reportedMessageIds) {

    /** Our own messages' Message-IDs (see {@code Notification.messageId()}). */
    private static final Pattern OURS = Pattern.compile("<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@notification\\.madoguchi>");
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** RFC 6532: headers may be raw UTF-8 (many phones send them so), not only RFC 2047-encoded. */
    private static final Session SESSION = Session.getInstance(utf8());

    private static Properties utf8() {
        Properties p = new Properties();
        p.put("mail.mime.allowutf8", "true");
        return p;
    }

    /** The ids of our messages this mail answers (or, for a delivery report, reports on), in order, no repeats. */
    public List<UUID> ourMessages() {
        List<UUID> ids = new ArrayList<>();
        for (String ref : deliveryReport ? reportedMessageIds : references) {
            Matcher m = OURS.matcher(ref);
            while (m.find()) {
                UUID id = UUID.fromString(m.group(1));
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    public static MailFacts read(byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            String messageId = m.getMessageID();
            if (messageId == null || messageId.isBlank() || messageId.length() > 998) {
                // no usable Message-ID: the same bytes read twice are still one mail
                messageId = "<sha256-" + sha256(raw) + "@no-message-id>";
            }
            String sender = sender(m);
            String subject = m.getSubject();
            List<String> references = new ArrayList<>();
            for (String header : List.of("In-Reply-To", "References")) {
                String[] values = m.getHeader(header);
                if (values != null) {
                    for (String v : values) {
                        Matcher id = MESSAGE_ID.matcher(v);
                        while (id.find()) {
                            references.add(id.group());
                        }
                    }
                }
            }
            boolean report = m.isMimeType("multipart/report")
                    && String.valueOf(m.getContentType()).toLowerCase(Locale.ROOT).contains("delivery-status");
            boolean daemon = sender == null || sender.toLowerCase(Locale.ROOT).startsWith("mailer-daemon@")
                    || sender.toLowerCase(Locale.ROOT).startsWith("postmaster@");
            List<String> reported = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            collect(m, text, reported);
            return new MailFacts(messageId.strip(), sender, subject == null ? "" : subject, text.toString(), references,
                    automatic(m), report || daemon && !reported.isEmpty(), reported);
        } catch (MessagingException | IOException e) {
            // unreadable as MIME: still one mail, for staff to look at
            return new MailFacts("<sha256-" + sha256(raw) + "@unreadable>", null, "", new String(raw, StandardCharsets.UTF_8),
                    List.of(), false, false, List.of());
        }
    }

    /**
     * RFC 3834 and the conventions before it: an auto-reply, a list or bulk mail is never acted on or answered, so
     * that two machines cannot answer each other for ever.
     */
    private static boolean automatic(MimeMessage m) throws MessagingException {
        String auto = m.getHeader("Auto-Submitted", null);
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        String precedence = m.getHeader("Precedence", null);
        if (precedence != null && List.of("bulk", "junk", "list", "auto_reply").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return m.getHeader("X-Autoreply") != null || m.getHeader("X-Autorespond") != null || m.getHeader("List-Id") != null;
    }

    private static String sender(MimeMessage m) throws MessagingException {
        Address[] from = m.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress a) || a.getAddress() == null) {
            return null;
        }
        return a.getAddress().strip().toLowerCase(Locale.ROOT);
    }

    /** The plain text (else HTML without tags) of the mail, and the Message-IDs a delivery report returns. */
    private static void collect(Part part, StringBuilder text, List<String> reported) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text, reported);
            }
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
            // the returned message (or its headers) in a delivery report: whose delivery failed
            InternetHeaders headers = new InternetHeaders(part.getInputStream());
            String id = headers.getHeader("Message-ID", null);
            if (id != null) {
                reported.add(id.strip());
            }
        } else if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            if (text.length() == 0) {
                text.append(String.valueOf(part.getContent()));
            }
        } else if (part.isMimeType("text/html") && text.length() == 0) {
            text.append(String.valueOf(part.getContent()).replaceAll("(?s)<[^>]*>", " "));
        }
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
