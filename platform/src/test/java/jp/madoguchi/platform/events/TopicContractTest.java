package jp.madoguchi.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The owners and types consumers believe are read from the AsyncAPI document, and cover every event type. */
class TopicContractTest {

    private final TopicContract contract = new TopicContract(Optional.of("test-x-"));

    @Test
    void everyEventTypeBelongsToExactlyOneOwnedTopic() {
        Set<String> declared = Arrays.stream(EventTypes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).collect(Collectors.toSet());
        Set<String> inContract = TopicContract.read().values().stream().flatMap(c -> c.types().stream())
                .collect(Collectors.toSet());
        assertEquals(declared, inContract);
        assertEquals(declared.size(), TopicContract.read().values().stream().mapToInt(c -> c.types().size()).sum());
    }

    @Test
    void aRecordIsBelievedOnlyFromItsTopicsOwner() {
        assertEquals(Optional.empty(), contract.violation("test-x-madoguchi.meetings", "/madoguchi/meeting-service",
                EventTypes.NO_SHOW_DETECTED));
        // a forged no-show: right topic and type, another service's source
        assertTrue(contract.violation("test-x-madoguchi.meetings", "/madoguchi/reservation-service",
                EventTypes.NO_SHOW_DETECTED).orElseThrow().contains("not the owner"));
        // the owner's source, but a type of another topic
        assertTrue(contract.violation("test-x-madoguchi.meetings", "/madoguchi/meeting-service",
                EventTypes.RESERVATION_CANCELLED).orElseThrow().contains("does not belong"));
        // an unknown version is not the contract's type either
        assertTrue(contract.violation("test-x-madoguchi.meetings", "/madoguchi/meeting-service",
                "jp.madoguchi.meeting.NoShowDetected.v9").isPresent());
        // a topic of another deployment (prefix) is not ours
        assertTrue(contract.violation("madoguchi.meetings", "/madoguchi/meeting-service", EventTypes.NO_SHOW_DETECTED).isPresent());
        assertEquals(Optional.empty(), contract.violation("test-x-madoguchi.terms", "/madoguchi/consent-service",
                EventTypes.TERMS_REVISED));
    }
}
