package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.entity.MailMessage;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.policy.OfficePolicy.Channel;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.AdvisoryLock;
import jp.madoguchi.reservation.repository.MailMessageRepository;
import jp.madoguchi.reservation.repository.ReservationRepository;

/**
 * What the people's mails to an office mailbox do, as the notification service reads them: an application mail
 * completes the tentative booking staff took by phone or at the counter (Kabe), or is an application of its own; a
 * cancellation mail cancels where the office takes them by mail (Kaga). A mail is acted on once: handed over again
 * under the same Message-ID it gets the first answer and changes nothing.
 */
@ApplicationScoped
public class MailChannelService {

    public static final String COMPLETED = "COMPLETED";
    public static final String NEW_REQUEST = "NEW_REQUEST";
    public static final String CANCELLED = "CANCELLED";

    private final ReservationService reservationService;
    private final OnBehalfApplications onBehalf;
    private final ReservationRepository reservations;
    private final MailMessageRepository messages;
    private final OfficeService offices;
    private final SlotBooker booker;
    private final Clock clock;

    public MailChannelService(ReservationService reservationService, OnBehalfApplications onBehalf,
            ReservationRepository reservations, MailMessageRepository messages, OfficeService offices, SlotBooker booker,
            Clock clock) {
        this.reservationService = reservationService;
        this.onBehalf = onBehalf;
        this.reservations = reservations;
        this.messages = messages;
        this.offices = offices;
        this.booker = booker;
        this.clock = clock;
    }

    /** The five items of an application mail (Kabe 2(2)); the counselor's name where the person wrote it. */
    public record ApplicationMail(String messageId, String name, String seekerNumber, List<OffsetDateTime> preferredStarts,
            String email, String phone, String counselorName) {
    }

    /** An application mail to {@code officeId}'s mailbox. */
    public Uni<MailMessage> application(String officeId, ApplicationMail mail) {
        Application application = new Application(Reservation.Channel.EMAIL, officeId, mail.name(), mail.seekerNumber(),
                mail.preferredStarts(), mail.email(), mail.phone(), mail.counselorName(), null, null, null);
        return Panache.withSession(() -> messages.findById(mail.messageId())).flatMap(seen -> seen != null
                ? Uni.createFrom().item(seen)
                : Panache.withSession(() -> offices.rules(officeId)).flatMap(rules -> {
                    if (!rules.policy().awaitsApplicationMail()) {
                        return Uni.createFrom().failure(ProblemException.conflict("office.no-application-mail",
                                rules.office().nameJa).with("officePhone", rules.office().phone));
                    }
                    // asked before the transaction: no connection is held while the identity provider answers
                    return onBehalf.applicant(application).flatMap(applicant -> once(mail.messageId(),
                            MailMessage.Purpose.APPLICATION, () -> reservations.awaitingApplicationMail(officeId, mail.seekerNumber())
                                    .flatMap(waiting -> {
                                        Reservation pending = pick(waiting, mail.preferredStarts());
                                        return pending == null
                                                ? reservationService.apply(application, applicant).map(r -> answer(r, NEW_REQUEST))
                                                : complete(pending, mail, rules).map(r -> answer(r, COMPLETED));
                                    })));
                }));
    }

    /** A cancellation mailed by {@code sender}: only the address the booking gave may cancel it so. */
    public Uni<MailMessage> cancellation(UUID reservationId, String sender, String messageId) {
        return once(messageId, MailMessage.Purpose.CANCELLATION, () -> reservations.findVisible(reservationId, r -> true)
                .flatMap(r -> {
                    if (r.email == null || !r.email.equalsIgnoreCase(sender.strip())) {
                        return Uni.createFrom().failure(ProblemException.forbidden("reservation.not-the-applicant"));
                    }
                    return reservationService.cancelByPerson(r, Channel.EMAIL).map(c -> answer(c, CANCELLED));
                }));
    }

    private record Answer(Reservation reservation, String outcome) {
    }

    private static Answer answer(Reservation r, String outcome) {
        return new Answer(r, outcome);
    }

    /**
     * Runs {@code act} in one transaction with the record of the mail, unless the mail was acted on already. Mails
     * of one Message-ID take turns, so a repeat handed over at the same moment waits and then finds the first answer.
     */
    private Uni<MailMessage> once(String messageId, MailMessage.Purpose purpose, java.util.function.Supplier<Uni<Answer>> act) {
        return Panache.withTransaction(() -> AdvisoryLock.hold("mail|" + messageId)
                .flatMap(locked -> messages.findById(messageId))
                .flatMap(seen -> seen != null ? Uni.createFrom().item(seen) : act.get().flatMap(a -> {
                    MailMessage m = new MailMessage();
                    m.messageId = messageId;
                    m.purpose = purpose;
                    m.reservationId = a.reservation().id;
                    m.outcome = a.outcome();
                    m.state = a.reservation().state.name();
                    m.receivedAt = OffsetDateTime.now(clock);
                    return messages.persist(m);
                })));
    }

    /** Of several tentative bookings for the number, the one the mail's desired times name; else the oldest. */
    private static Reservation pick(List<Reservation> waiting, List<OffsetDateTime> preferredStarts) {
        if (waiting.isEmpty()) {
            return null;
        }
        Set<java.time.Instant> wanted = instants(preferredStarts);
        return waiting.stream().filter(r -> wanted.contains(r.slotStart.toInstant())).findFirst().orElse(waiting.get(0));
    }

    private static Set<java.time.Instant> instants(List<OffsetDateTime> times) {
        return times == null ? Set.of() : times.stream().map(OffsetDateTime::toInstant).collect(Collectors.toSet());
    }

    /**
     * The mail brings the contact details and completes the booking: confirmed into the slot with the counselor
     * staff named (or, none named, any), so the meeting and the invitation (the final booking) follow as usual.
     */
    private Uni<Reservation> complete(Reservation r, ApplicationMail mail, OfficeRules rules) {
        r.email = mail.email();
        if (mail.phone() != null && !mail.phone().isBlank()) {
            r.phone = mail.phone();
        }
        r.awaitingApplicationMail = false;
        Set<java.time.Instant> wanted = instants(mail.preferredStarts());
        OffsetDateTime start = java.util.Arrays.stream(r.preferences.split(",")).map(OffsetDateTime::parse)
                .filter(p -> wanted.contains(p.toInstant())).findFirst().orElse(r.slotStart);
        return booker.confirm(r, rules, start, r.plannedCounselorId, true);
    }
}
