package io.fjord.session.apps;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An app's Redis password, derived rather than stored: HMAC-SHA256 of the master secret over the app's
 * name and salt, 256 bits in base64url (safe in a URL). Nothing at rest opens Redis: the database has
 * only the salt, and the master secret lives in fjord.env.
 */
public final class AppRedisPasswords {
    static final int MIN_SECRET = 32;

    private AppRedisPasswords() {
    }

    public static String password(String masterSecret, String app, String salt) {
        checkSecret(masterSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] password = mac.doFinal(("fjord-app-redis:" + app + ":" + salt).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** A short master secret would make every app's password guessable: refuse it. */
    public static void checkSecret(String masterSecret) {
        if (masterSecret == null || masterSecret.length() < MIN_SECRET) {
            throw new IllegalStateException("fjord.app-redis.secret (FJORD_REDIS_APP_SECRET) must have at least "
                    + MIN_SECRET + " characters");
        }
    }
}
