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
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;

/**
 * Calendar invitations (RFC 5545/5546) for consultations: METHOD:REQUEST with the meeting window, the join URL
 * as location, organizer and attendee, and the Asia/Tokyo time zone included so any calendar shows JST right.
 * The UID is derived from the reservation, so a later METHOD:CANCEL can withdraw the same event.
 */
@ApplicationScoped
public class IcsFactory {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    public String request(String reservationId, OffsetDateTime start, OffsetDateTime end, String summary,
            String description, String joinUrl, String organizerEmail, String organizerName, String attendeeEmail) {
        VTimeZone tz = TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone(TOKYO.getId()).getVTimeZone();
        VEvent event = new VEvent(start.atZoneSameInstant(TOKYO), end.atZoneSameInstant(TOKYO), summary);
        event.add(new Uid(reservationId + "@madoguchi"));
        event.add(new Sequence(0));
        event.add(new Location(joinUrl));
        event.add(new Description(description));
        event.add(new Organizer("mailto:" + organizerEmail).withParameter(new Cn(organizerName)).getFluentTarget());
        event.add(new Attendee("mailto:" + attendeeEmail).withParameter(Role.REQ_PARTICIPANT).getFluentTarget());
        Calendar calendar = new Calendar()
                .withProdId("-//Madoguchi//Hello Work online consultation//JA")
                .withDefaults()
                .withProperty(ImmutableMethod.REQUEST)
                .withComponent(tz)
                .withComponent(event)
                .getFluentTarget();
        return calendar.toString();
    }
}
