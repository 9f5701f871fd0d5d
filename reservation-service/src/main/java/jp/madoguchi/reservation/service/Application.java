package jp.madoguchi.reservation.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import jp.madoguchi.reservation.entity.Reservation;

/**
 * An application as the service takes it, whichever way it reached the office: the person on My Page, staff taking
 * it down by phone or at the counter, or the person's mail to the office's mailbox. One set of rules applies to all.
 *
 * @param counselorId for staff entries: the counselor who is to hold the consultation, if already known
 */
public record Application(Reservation.Channel channel, String officeId, String name, String seekerNumber,
        List<OffsetDateTime> preferredStarts, String email, String phone, String counselorName, String counselorId,
        Set<Companion> companions, String companionNote) {

    public enum Companion { INTERPRETER, CAREGIVER, OTHER }

    /** Taken down by staff rather than made by the person themselves. */
    public boolean staffEntered() {
        return channel == Reservation.Channel.PHONE || channel == Reservation.Channel.COUNTER;
    }
}
