package jp.madoguchi.notification.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import jp.madoguchi.notification.config.InboundConfig;

/**
 * The office mailboxes over IMAP (blocking: called on a worker thread). Reading and marking read are two steps on
 * purpose: a mail is marked only after it is stored, so a crash in between reads it again and the store's unique
 * Message-ID makes that harmless.
 */
@ApplicationScoped
public class ImapMailboxes {

    /** A mail as the server holds it: its UID in the INBOX, its bytes, and when the server received it. */
    public record Fetched(long uid, byte[] raw, OffsetDateTime receivedAt) {
    }

    private final InboundConfig config;

    public ImapMailboxes(InboundConfig config) {
        this.config = config;
    }

    public boolean enabled() {
        return config.host().isPresent();
    }

    /** Unread mail of {@code mailbox}, oldest first, at most the batch size. */
    public List<Fetched> unread(String mailbox) throws MessagingException, IOException {
        try (Store store = connect(mailbox)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                Message[] messages = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                inbox.fetch(messages, profile);
                List<Fetched> out = new ArrayList<>();
                for (Message m : messages) {
                    if (out.size() >= config.batchSize()) {
                        break;
                    }
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    m.writeTo(raw);
                    Date received = m.getReceivedDate();
                    out.add(new Fetched(((UIDFolder) inbox).getUID(m), raw.toByteArray(),
                            received == null ? OffsetDateTime.now(ZoneOffset.UTC) : received.toInstant().atOffset(ZoneOffset.UTC)));
                }
                return out;
            } finally {
                inbox.close(false);
            }
        }
    }

    /** Marks stored mails read, so that the next look skips them. */
    public void markRead(String mailbox, List<Long> uids) throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        try (Store store = connect(mailbox)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                long[] ids = uids.stream().mapToLong(Long::longValue).toArray();
                Message[] messages = ((UIDFolder) inbox).getMessagesByUID(ids);
                List<Message> present = new ArrayList<>();
                for (Message m : messages) {
                    if (m != null) {
                        present.add(m);
                    }
                }
                inbox.setFlags(present.toArray(new Message[0]), new Flags(Flags.Flag.SEEN), true);
            } finally {
                inbox.close(false);
            }
        }
    }

    private Store connect(String mailbox) throws MessagingException {
        String protocol = config.tls() ? "imaps" : "imap";
        Properties p = new Properties();
        p.put("mail.store.protocol", protocol);
        p.put("mail." + protocol + ".connectiontimeout", "5000");
        p.put("mail." + protocol + ".timeout", "10000");
        p.put("mail." + protocol + ".writetimeout", "10000");
        if (config.tls()) {
            p.put("mail.imaps.ssl.checkserveridentity", "true");
        }
        Store store = Session.getInstance(p).getStore(protocol);
        store.connect(config.host().orElseThrow(), config.port(), String.format(config.loginFormat(), mailbox),
                config.password().orElseThrow(() -> new IllegalStateException(
                        "madoguchi.notification.inbound.password is not set")));
        return store;
    }
}
