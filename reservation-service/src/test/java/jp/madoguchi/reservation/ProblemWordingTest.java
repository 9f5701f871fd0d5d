package jp.madoguchi.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import jp.madoguchi.platform.problem.ProblemMessages;

/** Problem texts read as written: an apostrophe in English is printed, and the slots are filled. */
class ProblemWordingTest {

    @Test
    void anApostropheIsPrintedAndTheSlotsStillFilled() {
        assertEquals("Counselor's name required", ProblemMessages.title("reservation.counselor-name-required", Locale.ENGLISH));
        assertEquals("The seeker number of the application is not the signed-in user's.",
                ProblemMessages.detail("reservation.seeker-number-mismatch", Locale.ENGLISH, new Object[0]));
        assertEquals("Sessions can be asked for up to 2027-08-01. Please choose an earlier time.",
                ProblemMessages.detail("reservation.beyond-horizon", Locale.ENGLISH, new Object[] {"2027-08-01"}));
    }
}
