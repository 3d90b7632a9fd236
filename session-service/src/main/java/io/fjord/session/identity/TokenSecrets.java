package io.fjord.session.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.fjord.session.store.SessionIds;

/**
 * API tokens: {@code fjord_} and 256 random bits. Only their SHA-256 is stored: a token has the entropy
 * of a key, so a fast hash is safe (nobody can guess through 2^256), unlike a password, which needs a
 * slow one. Tokens are never logged, never put in an event, never shown again after creation.
 */
public final class TokenSecrets {
    static final String PREFIX = "fjord_";
    /** Ours (43 base64url characters) and install.sh's (64 hex digits). */
    private static final Pattern FORM = Pattern.compile("fjord_[A-Za-z0-9_-]{32,128}");

    private TokenSecrets() {
    }

    public static String newToken() {
        return PREFIX + SessionIds.newId();
    }

    /** Whether {@code token} could be one of ours; anything else is refused without a lookup. */
    public static boolean hasForm(String token) {
        return token != null && FORM.matcher(token).matches();
    }

    /** Lowercase hex SHA-256 of the token: the form in which it is stored and looked up. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
