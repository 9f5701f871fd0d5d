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
import jp.madoguchi.meeting.repository.MeetingRepository;
import jp.madoguchi.meeting.repository.ParticipantEventRepository;
import jp.madoguchi.platform.privacy.Pseudonym;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.problem.Visible;

/** Meetings of confirmed consultations: who entered, contact noted by staff, no-shows and ends. */
@ApplicationScoped
public class MeetingService {

    private static final Logger LOG = Logger.getLogger(MeetingService.class);

    private final MeetingRepository meetings;
    private final ParticipantEventRepository participants;
    private final MeetingEvents events;
    private final MeetingTasks tasks;
    private final MeetingConfig config;
    private final Clock clock;

    public MeetingService(MeetingRepository meetings, ParticipantEventRepository participants, MeetingEvents events,
            MeetingTasks tasks, MeetingConfig config, Clock clock) {
        this.meetings = meetings;
        this.participants = participants;
        this.events = events;
        this.tasks = tasks;
        this.config = config;
        this.clock = clock;
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

    /**
     * Staff: the person got in touch (late, connection trouble): no no-show for this meeting. Once the deadline was
     * checked it is too late (409); if the check runs at the same moment, the row's version makes one of the two
     * fail — the check skips a row this holds, and this answers 409 when the check changed it first.
     */
    @WithTransaction
    public Uni<Meeting> noteContact(UUID reservationId, String office) {
        return staffView(reservationId, office).invoke(m -> {
            if (m.noShowAt != null && m.contactNotedAt == null) {
                throw ProblemException.conflict("meeting.no-show-checked");
            }
            m.contactNotedAt = OffsetDateTime.now(clock);
        }).call(() -> Panache.getSession().flatMap(s -> s.flush()));
    }

    /**
     * Staff end the meeting of a session under way: TeleOffice ends it for everyone in it, by a task
     * like every call there, and MeetingEnded follows. Asked once: a meeting ended or being ended (a no-show, a
     * cancellation, a colleague) answers 409, as does one not started yet (a session that has not begun is
     * cancelled, not ended: an end completes the booking).
     */
    @WithTransaction
    public Uni<Meeting> end(UUID reservationId, String office) {
        return staffView(reservationId, office).call(m -> {
            if (!Meeting.OPEN.equals(m.status) || m.endReason != null) {
                throw ProblemException.conflict("meeting.ended");
            }
            if (!m.underWay(OffsetDateTime.now(clock))) {
                throw ProblemException.conflict("meeting.not-started");
            }
            m.endReason = Meeting.BY_STAFF;
            return tasks.requestEnd(m).call(() -> Panache.getSession().flatMap(s -> s.flush()));
        });
    }

    /**
     * Fires due no-shows: nobody the consultation is for joined within the office's grace and nobody got in touch.
     * The meeting is then ended at TeleOffice (a task), so that whoever comes late reads whom to phone.
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
                    if (m.endReason == null) {
                        m.endReason = Meeting.NO_SHOW;
                    }
                    return events.emit(MeetingEvents.NO_SHOW, m).call(() -> tasks.requestEnd(m)).replaceWith(1);
                }))
                .collect().asList().map(list -> list.stream().mapToInt(Integer::intValue).sum())));
    }

    /** Meetings past their end are over; the reservation service completes the booking. */
    public Uni<Integer> endMeetings() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> meetings.lockEndsDue(now).flatMap(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(m -> {
                    m.end(now, null);
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
