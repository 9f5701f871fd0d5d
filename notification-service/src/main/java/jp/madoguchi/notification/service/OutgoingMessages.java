package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.entity.OfficeProfile;
import jp.madoguchi.notification.policy.MessagePlan;

/**
 * Turns a claimed message into what goes out, outside any transaction: first whether it is still true (the
 * booking's current state, from the local projection) and still of use (its deadline), then the office as the
 * offices' projection holds it now, the look-ups, the channel and the text.
 */
@ApplicationScoped
public class OutgoingMessages {

    private final BookingStateService bookings;
    private final OfficeProfileService offices;
    private final MessageLookups lookups;
    private final MessageComposer composer;
    private final MessagePlan plan;
    private final Clock clock;

    public OutgoingMessages(BookingStateService bookings, OfficeProfileService offices, MessageLookups lookups,
            MessageComposer composer, MessagePlan plan, Clock clock) {
        this.bookings = bookings;
        this.offices = offices;
        this.lookups = lookups;
        this.composer = composer;
        this.plan = plan;
        this.clock = clock;
    }

    public Uni<Outgoing> prepare(Notification n) {
        MessagePlan.Kind kind = MessagePlan.Kind.valueOf(n.kind);
        return Panache.withSession(() -> bookings.of(n.reservationId)).flatMap(booking -> {
            var untrue = plan.noLongerTrue(kind, booking == null ? null : booking.state);
            if (untrue.isPresent()) {
                return Uni.createFrom().item(new Outgoing.Skip(untrue.get()));
            }
            if (n.usefulUntil != null && !OffsetDateTime.now(clock).isBefore(n.usefulUntil)) {
                return Uni.createFrom().item(new Outgoing.Expired());
            }
            return Panache.withSession(() -> offices.of(n.officeId)).flatMap(office -> {
                if (office == null) {
                    // nobody to sign it yet (the office's event has not arrived): it fails and is tried again later
                    return Uni.createFrom().failure(new IllegalStateException("office " + n.officeId + " is not known here (yet)"));
                }
                return prepare(n, kind, office);
            });
        });
    }

    private Uni<Outgoing> prepare(Notification n, MessagePlan.Kind kind, OfficeProfile office) {
        return lookups.contact(n).flatMap(contact -> {
            Notification.Channel channel = plan.channel(kind, contact.detailDelivery(), contact.email());
            var redundant = plan.redundant(kind, channel);
            if (redundant.isPresent()) {
                return Uni.createFrom().item(new Outgoing.Skip(redundant.get()));
            }
            if (channel == Notification.Channel.CALLBACK) {
                return Uni.createFrom().item(new Outgoing.Callback());
            }
            return lookups.extras(n, kind, channel, plan.withdrawsCalendarEntry(kind))
                    .map(extras -> composer.compose(n, office, contact, extras, channel))
                    .map(composed -> channel == Notification.Channel.INBOX
                            ? new Outgoing.Inbox(contact.userId(), composed)
                            : new Outgoing.Email(composer.mail(n, office, contact, composed)));
        });
    }
}
