package jp.madoguchi.meeting;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import jp.madoguchi.meeting.entity.Meeting;
import jp.madoguchi.meeting.entity.OfficeProfile;
import jp.madoguchi.meeting.service.EndNotices;
import jp.madoguchi.meeting.service.OfficeProfileService;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;

/**
 * The projection of offices follows the office events of their owner (the newest version, and only the owner's),
 * and the notice of an ended meeting names the office as it is now.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "meeting"))
class OfficeProjectionTest {

    private static final String SERVICE = "meeting-service";
    private static final String CHANGED = "jp.madoguchi.reservation.OfficeChanged.v1";

    @Inject
    OfficeProfileService offices;

    @Inject
    EndNotices notices;

    @BeforeAll
    static void offices() {
        Offices.seed(SERVICE);
    }

    @AfterAll
    static void seedsAgain() {
        // the next test class sees the seeds as they are, whatever this one changed
        Offices.seed(SERVICE);
    }

    @Test
    void anOfficeChangedUpdatesTheProjectionAndAnOlderVersionDoesNot() throws Throwable {
        assertThat(notice("kabe"), containsString("ハローワーク可部（082-000-0000）"));

        long version = Offices.nextVersion();
        Offices.publish(CHANGED, Offices.profile("kabe", version).put("phone", "082-111-2222")
                .put("nameJa", "ハローワーク可部（新庁舎）").put("nameEn", "Hello Work Kabe, new building"));
        Offices.awaitConsumed(SERVICE);
        assertEquals(version, office("kabe").officeVersion);
        String notice = notice("kabe");
        assertThat(notice, containsString("ハローワーク可部（新庁舎）（082-111-2222）"));
        assertThat(notice, containsString("Please phone Hello Work Kabe, new building (082-111-2222)"));

        // a late event from before that change (a redelivery, say) changes nothing, nor the same version again
        Offices.publish(CHANGED, Offices.profile("kabe", version - 1));
        Offices.publish(CHANGED, Offices.profile("kabe", version));
        Offices.awaitConsumed(SERVICE);
        assertEquals(version, office("kabe").officeVersion);
        assertEquals("082-111-2222", office("kabe").phone);
    }

    @Test
    void anOfficeEventFromAnotherServiceIsNotBelieved() throws Throwable {
        long before = office("kaga").officeVersion;
        ObjectNode forged = Offices.profile("kaga", Offices.nextVersion() + 1000).put("phone", "0120-00-0000");
        // consent-service's source on the offices topic: the broker let it through, the consumer must not
        EventLog.forge(Offices.topic(), "kaga", EventLog.cloudEventHeaders(UUID.randomUUID().toString(), CHANGED,
                "/madoguchi/consent-service", "kaga"), forged.toString());
        Offices.awaitConsumed(SERVICE);
        assertEquals(before, office("kaga").officeVersion);
        assertThat(notice("kaga"), containsString("0761-00-0000"));
        assertThat(notice("kaga"), not(containsString("0120-00-0000")));
    }

    @Test
    void anOfficeNotKnownHereIsNotNamed() throws Throwable {
        assertThat(notice("nowhere"), containsString("ご予約のハローワーク"));
    }

    /** The join page's notice of a meeting of the office ended by its staff. */
    private String notice(String officeId) throws Throwable {
        Meeting m = new Meeting();
        m.officeId = officeId;
        m.startsAt = OffsetDateTime.now();
        m.noShowDueAt = m.startsAt.plusMinutes(10);
        return notices.of(m, Meeting.BY_STAFF, office(officeId));
    }

    private OfficeProfile office(String officeId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> offices.of(officeId));
    }
}
