package jp.madoguchi.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stands in for a device identifier (article 7 of the offices' terms: records are never kept or shown in a form
 * that identifies a device). A keyed hash: the same device gives the same value, and without the pepper nobody
 * can test a guess of the identifier against it.
 */
public final class Pseudonym {

    private Pseudonym() {
    }

    /** 64 hex characters, or null for no identifier. */
    public static String of(String pepper, String identifier) {
        if (identifier == null || identifier.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
