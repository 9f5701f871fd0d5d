package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.AdvisoryLock;
import jp.madoguchi.reservation.repository.ReservationRepository;

/**
 * The office's abuse limits on a person's own applications, in one place. An application mails the address it
 * gives, so one account could otherwise make the office mail anyone without end. Counted per person and office;
 * follow-ups and ad-hoc sessions that staff book are not the person's doing and are not counted. Applications staff
 * take by phone or at the counter, and those that come by mail, are the person's and count like online ones.
 */
@ApplicationScoped
public class ApplicationLimits {

    private final ReservationRepository reservations;
    private final Clock clock;

    public ApplicationLimits(ReservationRepository reservations, Clock clock) {
        this.reservations = reservations;
        this.clock = clock;
    }

    /**
     * In the application's transaction, before anything is written. One person's applications at one office take
     * turns (advisory lock), so concurrent ones cannot both slip under a limit. Too many open requests is 409 (waiting
     * does not help, an answer or a cancellation does); too many today is 429 with Retry-After until midnight.
     */
    public Uni<Void> check(OfficeRules rules, String userId) {
        String office = rules.office().id;
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime startOfDay = rules.day(now).atStartOfDay(rules.zone()).toOffsetDateTime();
        OffsetDateTime tomorrow = rules.day(now).plusDays(1).atStartOfDay(rules.zone()).toOffsetDateTime();
        return AdvisoryLock.hold("applications|" + office + "|" + userId)
                .flatMap(x -> reservations.countOpenRequests(userId, office))
                .flatMap(open -> reservations.countApplicationsSince(userId, office, startOfDay)
                        .flatMap(today -> rules.policy().applicationLimit(open, today)
                                .map(limit -> Uni.createFrom().<Void>failure(switch (limit) {
                                    case OPEN_REQUESTS -> ProblemException.conflict("reservation.too-many-open-requests",
                                                    rules.policy().maxOpenRequests(), rules.office().phone)
                                            .with("limit", rules.policy().maxOpenRequests())
                                            .with("officePhone", rules.office().phone);
                                    case DAILY_APPLICATIONS -> ProblemException.tooMany(
                                                    Duration.between(now, tomorrow).toSeconds(), "reservation.daily-limit",
                                                    rules.policy().maxApplicationsPerDay(), rules.office().phone)
                                            .with("limit", rules.policy().maxApplicationsPerDay())
                                            .with("officePhone", rules.office().phone);
                                }))
                                .orElseGet(() -> Uni.createFrom().voidItem())));
    }
}
