package io.fjord.session.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Session ids: 32 bytes (256 bits) from {@link SecureRandom}, base64url without padding, 43 characters.
 * An id is a bearer secret: whoever holds it holds the session, so it is never logged.
 */
public final class SessionIds {
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /*
     * 256 bits make 42 full characters plus 4 bits in the last one, whose 2 low bits are always zero:
     * only 16 characters can end an id we made. Anything else never reaches Redis.
     */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");

    private SessionIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether {@code id} has the exact form of an id this service makes. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
