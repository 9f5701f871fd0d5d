package jp.madoguchi.reservation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.madoguchi.reservation.policy.OfficePolicy.Channel;

/** The seeds' rules for each office, read from its policy object. */
class OfficePolicyTest {

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private final BusinessCalendar calendar = new BusinessCalendar(Set.of());

    @Test
    void kagaConfirmsBookingsAtLeastTwoBusinessDaysBeforeTheSession() {
        OfficePolicy kaga = SeedPolicies.kaga();
        // applying Monday 2026-11-30: Wednesday 2 December is the first day two business days away
        assertEquals(LocalDate.of(2026, 12, 2), kaga.earliestBookableDay(LocalDate.of(2026, 11, 30), calendar));
        // applying Friday 2026-11-20: Monday the 23rd is a holiday, so Tuesday is too soon and Wednesday the first
        assertEquals(LocalDate.of(2026, 11, 25), kaga.earliestBookableDay(LocalDate.of(2026, 11, 20), calendar));
        assertFalse(kaga.bookable(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 20), calendar));
    }

    @Test
    void kabesTentativeBookingsAwaitTheApplicationMailAndKagasDoNot() {
        assertTrue(SeedPolicies.kabe().awaitsApplicationMail());
        assertEquals("オンライン職業相談希望", SeedPolicies.kabe().applicationMailSubject());
        assertFalse(SeedPolicies.kaga().awaitsApplicationMail());
    }

    @Test
    void kabeTakesApplicationsUntilTheDayBefore() {
        OfficePolicy kabe = SeedPolicies.kabe();
        assertEquals(LocalDate.of(2026, 12, 2), kabe.earliestBookableDay(LocalDate.of(2026, 12, 1), calendar));
        assertTrue(kabe.bookable(LocalDate.of(2026, 12, 4), LocalDate.of(2026, 12, 3), calendar));
        assertFalse(kabe.bookable(LocalDate.of(2026, 12, 4), LocalDate.of(2026, 12, 4), calendar));
    }

    @Test
    void kagaAnswersWithinTwoBusinessDaysOfTheApplication() {
        OffsetDateTime appliedFriday = OffsetDateTime.of(2026, 12, 25, 10, 0, 0, 0, JST.getRules().getOffset(java.time.Instant.now()));
        OffsetDateTime due = SeedPolicies.kaga().responseDue(appliedFriday, appliedFriday.plusDays(20), JST, calendar);
        // Monday the 28th, then the year-end closure, then Monday 4 January
        assertEquals(LocalDate.of(2027, 1, 4), due.atZoneSameInstant(JST).toLocalDate());
    }

    @Test
    void kagaAnswersBeforeTheSessionEvenWhenTwoBusinessDaysWouldEndOnItsDay() {
        // applied Thursday 3 December for Monday the 7th: two business days end on Monday, the session's own day;
        // the answer is due by the end of Thursday, the last day the session can still be confirmed
        OffsetDateTime applied = OffsetDateTime.parse("2026-12-03T09:00:00+09:00");
        OffsetDateTime session = OffsetDateTime.parse("2026-12-07T10:00:00+09:00");
        OffsetDateTime due = SeedPolicies.kaga().responseDue(applied, session, JST, calendar);
        assertEquals(LocalDate.of(2026, 12, 3), due.atZoneSameInstant(JST).toLocalDate());
        assertTrue(due.isBefore(session));
    }

    @Test
    void kabeAnswersByTheDayBeforeTheSession() {
        OffsetDateTime session = OffsetDateTime.parse("2026-12-09T14:00:00+09:00");
        OffsetDateTime due = SeedPolicies.kabe().responseDue(session.minusDays(6), session, JST, calendar);
        assertEquals(LocalDate.of(2026, 12, 8), due.atZoneSameInstant(JST).toLocalDate());
    }

    @Test
    void kagaCancelsOnTheDayByPhoneOnlyAndKabeAlwaysByPhone() {
        OffsetDateTime session = OffsetDateTime.parse("2026-12-09T14:00:00+09:00");
        OffsetDateTime dayBefore = OffsetDateTime.parse("2026-12-08T18:00:00+09:00");
        OffsetDateTime sameMorning = OffsetDateTime.parse("2026-12-09T09:00:00+09:00");
        assertTrue(SeedPolicies.kaga().cancellationChannelsAt(dayBefore, session, JST).contains(Channel.ONLINE));
        assertEquals(Set.of(Channel.PHONE), SeedPolicies.kaga().cancellationChannelsAt(sameMorning, session, JST));
        assertEquals(Set.of(Channel.PHONE), SeedPolicies.kabe().cancellationChannelsAt(dayBefore, session, JST));
    }

    @Test
    void onlyKagaOffersAdHocSessionsAndEmployers() {
        assertTrue(SeedPolicies.kaga().adHocOffered());
        assertFalse(SeedPolicies.kabe().adHocOffered());
        assertTrue(SeedPolicies.kaga().eligible().contains(OfficePolicy.Eligibility.EMPLOYER));
        assertEquals(Set.of(OfficePolicy.Eligibility.REGISTERED_SEEKER), SeedPolicies.kabe().eligible());
    }

    @Test
    void bothOfficesCapSessionsAtThirtyMinutesAndCountNoShowsAfterTen() {
        for (OfficePolicy p : new OfficePolicy[] {SeedPolicies.kaga(), SeedPolicies.kabe()}) {
            assertEquals(30, p.sessionMinutes());
            assertEquals(10, p.noShowGraceMinutes());
        }
    }

    @Test
    void theOpenRequestCapComesBeforeTheDailyOneAndBothAreStrict() {
        OfficePolicy kaga = SeedPolicies.kaga();
        assertEquals(java.util.Optional.empty(), kaga.applicationLimit(kaga.maxOpenRequests() - 1, kaga.maxApplicationsPerDay() - 1));
        assertEquals(java.util.Optional.of(OfficePolicy.Limit.OPEN_REQUESTS),
                kaga.applicationLimit(kaga.maxOpenRequests(), kaga.maxApplicationsPerDay()));
        assertEquals(java.util.Optional.of(OfficePolicy.Limit.DAILY_APPLICATIONS),
                kaga.applicationLimit(0, kaga.maxApplicationsPerDay()));
        assertTrue(SeedPolicies.kabe().maxOpenRequests() <= kaga.maxOpenRequests(), "Kabe has one counselor");
    }
}
