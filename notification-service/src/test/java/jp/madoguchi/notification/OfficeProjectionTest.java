package jp.madoguchi.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import jp.madoguchi.notification.entity.OfficeProfile;
import jp.madoguchi.notification.service.OfficeProfileService;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;

/** The projection of offices follows the office events of their owner: the newest version, and only the owner's. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "notification"))
class OfficeProjectionTest {

    private static final String SERVICE = "notification-service";
    private static final String CHANGED = "jp.madoguchi.reservation.OfficeChanged.v1";

    @Inject
    OfficeProfileService offices;

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
    void anOfficeChangedUpdatesTheProjectionAndAnOlderVersionDoesNot() {
        assertEquals("ハローワーク可部", office("kabe").nameJa);

        long version = Offices.nextVersion();
        ObjectNode changed = Offices.profile("kabe", version).put("phone", "082-111-2222").put("nameEn", "Hello Work Kabe (new)");
        ((ObjectNode) changed.get("policy")).putArray("cancellationChannels").add("PHONE").add("EMAIL");
        Offices.publish(CHANGED, changed);
        Offices.awaitConsumed(SERVICE);
        OfficeProfile now = office("kabe");
        assertEquals(version, now.officeVersion);
        assertEquals("082-111-2222", now.phone);
        assertEquals("Hello Work Kabe (new)", now.nameEn);
        assertEquals(true, now.policy.contains("\"EMAIL\""));

        // a late event from before that change (a redelivery, say) changes nothing
        Offices.publish(CHANGED, Offices.profile("kabe", version - 1).put("phone", "082-999-9999"));
        Offices.awaitConsumed(SERVICE);
        assertEquals(version, office("kabe").officeVersion);
        assertEquals("082-111-2222", office("kabe").phone);

        // the same version again neither
        Offices.publish(CHANGED, Offices.profile("kabe", version).put("phone", "082-999-9999"));
        Offices.awaitConsumed(SERVICE);
        assertEquals("082-111-2222", office("kabe").phone);

        Offices.publish("jp.madoguchi.reservation.OfficeClosed.v1", Offices.profile("kabe", Offices.nextVersion()).put("state", "CLOSED"));
        Offices.awaitConsumed(SERVICE);
        assertEquals("CLOSED", office("kabe").state);
        assertEquals("082-000-0000", office("kabe").phone);
    }

    @Test
    void anOfficeEventFromAnotherServiceIsNotBelieved() {
        long before = office("kaga").officeVersion;
        ObjectNode forged = Offices.profile("kaga", Offices.nextVersion() + 1000).put("mailSender", "Evil <evil@example.com>");
        // consent-service's source on the offices topic: the broker let it through, the consumer must not
        EventLog.forge(Offices.topic(), "kaga", EventLog.cloudEventHeaders(UUID.randomUUID().toString(), CHANGED,
                "/madoguchi/consent-service", "kaga"), forged.toString());
        Offices.awaitConsumed(SERVICE);
        assertEquals(before, office("kaga").officeVersion);
        assertEquals("ハローワーク加賀 オンライン相談 <online.kaga@madoguchi.example.jp>", office("kaga").mailSender);
    }

    private OfficeProfile office(String officeId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> offices.of(officeId)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
