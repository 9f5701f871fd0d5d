package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.policy.OfficeRules;

/**
 * The office's abuse limits on a person's own applications, in one place. An application mails the address it
 * gives, so one account could otherwise make the office mail anyone without end. Counted per person and office;
 * follow-ups and ad-hoc sessions that staff book are not the person's doing and are not counted. Applications staff
 * take by phone or at the counter, and those that come by mail, are the person's and count like online ones.
 */
@ApplicationScoped
public class ApplicationLimits {

    private final Clock clock;

    public ApplicationLimits(Clock clock) {
        this.clock = clock;
    }

    /**
     * The key of the advisory lock under which one person's applications at one office take turns, so concurrent
     * ones cannot both slip under a limit. Taken in the application's first statement
     * ({@link jp.madoguchi.reservation.repository.BookingQueries#application}), before the counts.
     */
    public static String lockKey(String officeId, String userId) {
        return "applications|" + officeId + "|" + userId;
    }

    /** Where "today" begins for the daily limit: midnight in the office's zone. */
    public OffsetDateTime startOfToday(OfficeRules rules) {
        return rules.day(OffsetDateTime.now(clock)).atStartOfDay(rules.zone()).toOffsetDateTime();
    }

    /**
     * The limits on the person's counts, read under their lock in the application's transaction before anything is
     * written. Too many open requests is 409 (waiting does not help, an answer or a cancellation does); too many today
     * is 429 with Retry-After until midnight.
     */
    public Uni<Void> check(OfficeRules rules, long open, long today) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime tomorrow = rules.day(now).plusDays(1).atStartOfDay(rules.zone()).toOffsetDateTime();
        return rules.policy().applicationLimit(open, today)
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
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
