package jp.madoguchi.notification.mail;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a mail to an office's mailbox is, decided once when it is stored, from the mail alone and what it answers.
 * Anything not recognised is for staff: a person's mail is never dropped because a machine did not understand it.
 */
public final class MailClassifier {

    public enum Kind {
        /** A delivery report: one of our messages did not reach the person. */
        BOUNCE,
        /** An auto-reply, list or bulk mail, or a loop of our own: stored, never acted on or answered. */
        AUTOMATIC,
        /** A reply to a re-consent request (Kaga 6(4): replying is consenting). */
        RECONSENT_REPLY,
        /** A reply to one of our messages about a booking, asking to cancel it (Kaga 6(7)). */
        CANCELLATION,
        /** An application by mail with the subject the office asks for (Kabe). */
        APPLICATION,
        /** Anything else: a task in the office's queue. */
        FOR_STAFF
    }

    private static final Pattern CANCEL = Pattern.compile("キャンセル|取り?消し?|取りやめ|cancel", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFUSE = Pattern.compile(
            "同意(し|でき)(ません|ない)|不同意|同意しかね|拒否|disagree|do not agree|don't agree|not agree", Pattern.CASE_INSENSITIVE);

    private MailClassifier() {
    }

    /**
     * @param answeredKind the message kind of our notification the mail answers (null: it answers none of ours)
     * @param applicationSubject the subject the office asks application mails to carry (null: it takes none)
     * @param ourSenders the offices' own sender addresses, lower case: mail from them is a loop
     */
    public static Kind classify(MailFacts mail, String answeredKind, String applicationSubject, Set<String> ourSenders) {
        if (mail.deliveryReport()) {
            return Kind.BOUNCE;
        }
        if (mail.automatic() || mail.sender() != null && ourSenders.contains(mail.sender())) {
            return Kind.AUTOMATIC;
        }
        String words = ownWords(mail.text());
        if (answeredKind != null) {
            if ("RECONSENT".equals(answeredKind)) {
                // a reply that says no is no consent: staff read it
                return REFUSE.matcher(words).find() || REFUSE.matcher(normal(mail.subject())).find()
                        ? Kind.FOR_STAFF : Kind.RECONSENT_REPLY;
            }
            if (CANCEL.matcher(words).find()) {
                return Kind.CANCELLATION;
            }
            return Kind.FOR_STAFF;
        }
        if (applicationSubject != null && !applicationSubject.isBlank()
                && normal(mail.subject()).contains(normal(applicationSubject))) {
            return Kind.APPLICATION;
        }
        return Kind.FOR_STAFF;
    }

    /** The person's own words in a reply: quoted lines and what follows a quote header are the message answered. */
    static String ownWords(String text) {
        StringBuilder own = new StringBuilder();
        for (String line : normal(text).split("\r?\n")) {
            String t = line.strip();
            if (t.startsWith(">")) {
                continue;
            }
            if (t.matches("(?i)^(-{2,}\\s*original message\\s*-{2,}|on .+ wrote:|.+が書きました[:：]?)$")) {
                break;
            }
            own.append(t).append('\n');
        }
        return own.toString();
    }

    /** NFKC: full-width letters and digits read as their plain forms. */
    static String normal(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Lower-case plain addresses of the senders in {@code mailSenders} ("Name <a@b>" or "a@b"). */
    public static Set<String> addresses(List<String> mailSenders) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String s : mailSenders) {
            if (s != null) {
                out.add(address(s).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The plain address of "Name <a@b>" or "a@b". */
    public static String address(String nameAndAddress) {
        int lt = nameAndAddress.lastIndexOf('<');
        int gt = nameAndAddress.lastIndexOf('>');
        return (lt >= 0 && gt > lt ? nameAndAddress.substring(lt + 1, gt) : nameAndAddress).strip();
    }
}
