package jp.madoguchi.notification.service;

import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.client.ContactDirectory;
import jp.madoguchi.notification.client.MeetingDirectory;
import jp.madoguchi.notification.client.ReconsentDirectory;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.policy.MessagePlan;
import jp.madoguchi.notification.repository.NotificationRepository;

/**
 * What a message needs besides its template, each from the service that owns it over authenticated calls, made
 * outside any transaction: the contact, and the meeting's access, the re-consent link or whether the calendar
 * holds an entry to withdraw.
 */
@ApplicationScoped
public class MessageLookups {

    private final ContactDirectory contacts;
    private final MeetingDirectory meetings;
    private final ReconsentDirectory reconsents;
    private final NotificationRepository notifications;
    private final ObjectMapper mapper;

    public MessageLookups(@RestClient ContactDirectory contacts, @RestClient MeetingDirectory meetings,
            @RestClient ReconsentDirectory reconsents, NotificationRepository notifications, ObjectMapper mapper) {
        this.contacts = contacts;
        this.meetings = meetings;
        this.reconsents = reconsents;
        this.notifications = notifications;
        this.mapper = mapper;
    }

    /** The booking's contact; for a message about no booking (a revision of the terms), the person's own. */
    public Uni<ContactDirectory.Contact> contact(Notification n) {
        return n.reservationId != null ? contacts.contact(n.reservationId)
                : contacts.person(param(n, "userId"), n.officeId);
    }

    public Uni<MessageComposer.Extras> extras(Notification n, MessagePlan.Kind kind, Notification.Channel channel,
            boolean withdrawsCalendarEntry) {
        if (kind == MessagePlan.Kind.INVITATION) {
            return meetings.access(n.reservationId).map(m -> new MessageComposer.Extras(m, null, false, null));
        }
        if (kind == MessagePlan.Kind.TERMS_REVISED || kind == MessagePlan.Kind.TERMS_REVISED_MY_PAGE) {
            return reconsents.termsPage(n.officeId, param(n, "termsVersionId"))
                    .map(page -> new MessageComposer.Extras(null, null, false, page.url()));
        }
        if (kind == MessagePlan.Kind.RECONSENT) {
            return reconsents.link(UUID.fromString(param(n, "requestId")))
                    .map(l -> new MessageComposer.Extras(null, l, false, null));
        }
        if (withdrawsCalendarEntry && channel == Notification.Channel.EMAIL) {
            return Panache.withSession(() -> notifications.invitationEmailed(n.reservationId))
                    .map(emailed -> new MessageComposer.Extras(null, null, emailed, null));
        }
        return Uni.createFrom().item(MessageComposer.Extras.NONE);
    }

    private String param(Notification n, String field) {
        try {
            return mapper.readTree(n.params).get(field).asText();
        } catch (Exception e) {
            throw new IllegalStateException("notification " + n.id + " lacks " + field, e);
        }
    }
}
