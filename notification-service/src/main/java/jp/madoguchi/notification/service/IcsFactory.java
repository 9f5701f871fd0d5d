package jp.madoguchi.notification.service;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;

/**
 * Calendar invitations (RFC 5545/5546) for consultations: METHOD:REQUEST with the meeting window, the join URL
 * as location, organizer and attendee, and the Asia/Tokyo time zone included so any calendar shows JST right.
 * The UID is derived from the reservation, so a later METHOD:CANCEL can withdraw the same event.
 */
@ApplicationScoped
public class IcsFactory {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** The invitation: a new event in the person's calendar. */
    public String request(String reservationId, OffsetDateTime start, OffsetDateTime end, String summary,
            String description, String joinUrl, String organizerEmail, String organizerName, String attendeeEmail) {
        VEvent event = event(reservationId, start, end, summary, organizerEmail, organizerName, attendeeEmail, 0);
        event.add(new Location(joinUrl));
        event.add(new Description(description));
        return calendar(ImmutableMethod.REQUEST, event);
    }

    /**
     * Withdraws the invitation's event: same UID, a higher SEQUENCE and STATUS:CANCELLED, as RFC 5546 asks, so
     * the calendar removes (or strikes through) the entry it already holds.
     */
    public String cancel(String reservationId, OffsetDateTime start, OffsetDateTime end, String summary,
            String organizerEmail, String organizerName, String attendeeEmail) {
        VEvent event = event(reservationId, start, end, summary, organizerEmail, organizerName, attendeeEmail, 1);
        event.add(ImmutableStatus.VEVENT_CANCELLED);
        return calendar(ImmutableMethod.CANCEL, event);
    }

    private static VEvent event(String reservationId, OffsetDateTime start, OffsetDateTime end, String summary,
            String organizerEmail, String organizerName, String attendeeEmail, int sequence) {
        VEvent event = new VEvent(start.atZoneSameInstant(TOKYO), end.atZoneSameInstant(TOKYO), summary);
        event.add(new Uid(uid(reservationId)));
        event.add(new Sequence(sequence));
        event.add(new Organizer("mailto:" + organizerEmail).withParameter(new Cn(organizerName)).getFluentTarget());
        event.add(new Attendee("mailto:" + attendeeEmail).withParameter(Role.REQ_PARTICIPANT).getFluentTarget());
        return event;
    }

    private static String calendar(Method method, VEvent event) {
        VTimeZone tz = TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone(TOKYO.getId()).getVTimeZone();
        return new Calendar()
                .withProdId("-//Madoguchi//Hello Work online consultation//JA")
                .withDefaults()
                .withProperty(method)
                .withComponent(tz)
                .withComponent(event)
                .getFluentTarget()
                .toString();
    }

    /** One calendar entry per reservation, so a cancellation finds the invitation's entry. */
    public static String uid(String reservationId) {
        return reservationId + "@madoguchi";
    }
}
