package jp.madoguchi.meeting.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;


import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.config.MeetingConfig;
import jp.madoguchi.meeting.entity.Meeting;
import jp.madoguchi.meeting.entity.ParticipantEvent;
import jp.madoguchi.meeting.events.MeetingEvents;
import jp.madoguchi.meeting.provider.HttpTeleOfficeProvider;
import jp.madoguchi.meeting.provider.TeleOfficeProvider;
import jp.madoguchi.meeting.repository.MeetingRepository;
import jp.madoguchi.meeting.repository.ParticipantEventRepository;
import jp.madoguchi.platform.privacy.Pseudonym;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.problem.Visible;

/** Meetings of confirmed consultations: provisioning, revocation, who entered, no-shows and ends. */
@ApplicationScoped
public class MeetingService {

    private static final Logger LOG = Logger.getLogger(MeetingService.class);

    private final MeetingRepository meetings;
    private final ParticipantEventRepository participants;
    private final TeleOfficeProvider provider;
    private final MeetingEvents events;
    private final MeetingConfig config;
    private final Clock clock;

    public MeetingService(MeetingRepository meetings, ParticipantEventRepository participants, TeleOfficeProvider provider,
            MeetingEvents events, MeetingConfig config, Clock clock) {
        this.meetings = meetings;
        this.participants = participants;
        this.provider = provider;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A consultation was confirmed: a meeting joinable from five minutes before the start until its end, at most
     * thirty minutes long, recording off. In the consumer's transaction; a redelivered confirmation finds the meeting.
     */
    public Uni<Void> provision(UUID reservationId, String officeId, String kind, OffsetDateTime start, OffsetDateTime end) {
        return meetings.ofReservation(reservationId).flatMap(existing -> {
            if (existing != null && Meeting.OPEN.equals(existing.status)) {
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime closes = end.isAfter(start.plus(config.maxLength())) ? start.plus(config.maxLength()) : end;
            OffsetDateTime opens = start.minus(config.joinOpensBefore());
            return provider.create("オンライン職業相談 " + officeId, opens, closes,
                            HttpTeleOfficeProvider.selfUrl() + "/api/teleoffice/events")
                    .flatMap(created -> {
                        Meeting m = existing != null ? existing : new Meeting();
                        if (existing == null) {
                            m.id = UUID.randomUUID();
                            m.reservationId = reservationId;
                        }
                        m.officeId = officeId;
                        m.kind = kind;
                        m.providerMeetingId = created.meetingId();
                        m.joinUrl = created.joinUrl();
                        m.passcode = created.passcode();
                        m.startsAt = start;
                        m.opensAt = opens;
                        m.closesAt = closes;
                        m.noShowDueAt = start.plus(config.noShowGrace());
                        m.status = Meeting.OPEN;
                        m.noShowAt = null;
                        m.createdAt = OffsetDateTime.now(clock);
                        return (existing != null ? Uni.createFrom().item(m) : meetings.persist(m))
                                .call(saved -> events.emit(MeetingEvents.PROVISIONED, saved));
                    }).replaceWithVoid();
        });
    }

    /** Cancelled or void: the meeting is revoked and can no longer be joined. */
    public Uni<Void> revoke(UUID reservationId) {
        return meetings.ofReservation(reservationId).flatMap(m -> {
            if (m == null || !Meeting.OPEN.equals(m.status)) {
                return Uni.createFrom().voidItem();
            }
            return provider.revoke(m.providerMeetingId).invoke(() -> m.status = Meeting.REVOKED)
                    .call(() -> events.emit(MeetingEvents.REVOKED, m));
        });
    }

    /** A participant event from the provider's webhook. */
    @WithTransaction
    public Uni<Void> participant(String providerMeetingId, String event, String role, String deviceId, OffsetDateTime at) {
        return meetings.ofProvider(providerMeetingId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("meeting", providerMeetingId))
                .flatMap(m -> {
                    ParticipantEvent p = new ParticipantEvent();
                    p.id = UUID.randomUUID();
                    p.meetingId = m.id;
                    p.role = role;
                    p.event = event;
                    p.devicePseudonym = Pseudonym.of(config.devicePepper(), deviceId);
                    p.at = at == null ? OffsetDateTime.now(clock) : at;
                    return participants.persist(p)
                            .call(x -> "JOINED".equals(event) ? events.emit(MeetingEvents.JOINED, m, role) : Uni.createFrom().voidItem());
                }).replaceWithVoid();
    }

    /** Staff: the person got in touch (late, connection trouble): no no-show for this meeting. */
    @WithTransaction
    public Uni<Meeting> noteContact(UUID reservationId, String office) {
        return staffView(reservationId, office).invoke(m -> m.contactNotedAt = OffsetDateTime.now(clock));
    }

    /**
     * Fires due no-shows: nobody the consultation is for joined within the grace period and nobody got in touch.
     * Deadlines live in the database, so they survive restarts; row locks make them fire once across replicas.
     */
    public Uni<Integer> fireNoShows() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> meetings.lockNoShowsDue(now).flatMap(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(m -> participants.clientJoined(m.id).flatMap(joined -> {
                    m.noShowAt = now; // checked: never looked at again
                    if (joined || m.contactNotedAt != null) {
                        return Uni.createFrom().item(0);
                    }
                    LOG.infof("no-show: reservation %s", m.reservationId);
                    return events.emit(MeetingEvents.NO_SHOW, m).replaceWith(1);
                }))
                .collect().asList().map(list -> list.stream().mapToInt(Integer::intValue).sum())));
    }

    /** Meetings past their end are over; the reservation service completes the booking. */
    public Uni<Integer> endMeetings() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> meetings.lockEndsDue(now).flatMap(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(m -> {
                    m.status = Meeting.ENDED;
                    m.endedAt = now;
                    return events.emit(MeetingEvents.ENDED, m).replaceWith(1);
                })
                .collect().asList().map(List::size)));
    }

    @WithSession
    public Uni<Meeting> forService(UUID reservationId) {
        return meetings.ofReservation(reservationId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("meeting", reservationId));
    }

    /** Staff see their own office's meetings only. */
    @WithSession
    public Uni<Meeting> staffView(UUID reservationId, String office) {
        return Visible.orNotFound(meetings.ofReservation(reservationId), m -> m.officeId.equals(office), "meeting",
                reservationId);
    }

    @WithSession
    public Uni<List<ParticipantEvent>> participants(UUID meetingId) {
        return participants.of(meetingId);
    }
}
