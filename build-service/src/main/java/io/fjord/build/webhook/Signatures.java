package io.fjord.build.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over a delivery's raw bytes, and comparisons whose time does not depend on the secret. */
final class Signatures {
    private Signatures() {
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Does hex {@code given} (any case) equal the HMAC of {@code body}? False for anything not hex. */
    static boolean hmacMatches(String secret, byte[] body, String given) {
        byte[] provided;
        try {
            provided = HexFormat.of().parseHex(given.strip().toLowerCase());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret, body), provided);
    }

    /**
     * A token sent as it is (GitLab): both sides are hashed first, so the comparison takes the same time
     * whatever the lengths, and reveals not even the secret's length.
     */
    static boolean tokenMatches(String secret, String given) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] expected = sha.digest(secret.getBytes(StandardCharsets.UTF_8));
            byte[] actual = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, actual);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
