package jp.madoguchi.reservation.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The seed offices' policies as their data files give them: what the service opens Kaga and Kabe with. */
public final class SeedPolicies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedPolicies() {
    }

    public static OfficePolicy kaga() {
        return of("kaga");
    }

    public static OfficePolicy kabe() {
        return of("kabe");
    }

    public static OfficePolicy of(String office) {
        try (InputStream in = SeedPolicies.class.getClassLoader().getResourceAsStream("offices/" + office + ".json")) {
            JsonNode file = JSON.readTree(in);
            return JSON.treeToValue(file.get("policy"), OfficePolicy.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
