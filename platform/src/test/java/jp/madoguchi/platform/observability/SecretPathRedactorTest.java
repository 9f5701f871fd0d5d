package jp.madoguchi.platform.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SecretPathRedactorTest {

    private static final List<String> PREFIXES = List.of("/reconsent/");

    @Test
    void theSegmentAfterThePrefixIsReplacedWhereverItIs() {
        assertEquals("/reconsent/{redacted}", SecretPathRedactor.redact("/reconsent/eyJhYmMi.c2ln", PREFIXES));
        assertEquals("http://consent:8082/reconsent/{redacted}?lang=en",
                SecretPathRedactor.redact("http://consent:8082/reconsent/eyJhYmMi.c2ln?lang=en", PREFIXES));
        assertEquals("/reconsent/{redacted}/x", SecretPathRedactor.redact("/reconsent/abc/x", PREFIXES));
    }

    @Test
    void otherPathsAndAnEmptySegmentStayAsTheyAre() {
        assertEquals("/terms/kaga/kaga-2024", SecretPathRedactor.redact("/terms/kaga/kaga-2024", PREFIXES));
        assertEquals("/reconsent/", SecretPathRedactor.redact("/reconsent/", PREFIXES));
        assertEquals("/internal/reconsent-requests/1/link",
                SecretPathRedactor.redact("/internal/reconsent-requests/1/link", PREFIXES));
    }
}
