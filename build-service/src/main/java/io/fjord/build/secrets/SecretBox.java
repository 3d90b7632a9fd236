package io.fjord.build.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.fjord.platform.api.ApiException;
import io.quarkus.runtime.StartupEvent;

/**
 * Encrypts secrets for the database with AES-256-GCM under a key derived from {@code FJORD_SECRET_KEY}.
 * Each value is bound to where it is stored (its context, e.g. {@code app_webhook.secret:shop}), so a
 * ciphertext copied to another row or column does not decrypt. Stored form: {@code v1:<base64 iv+ct>}.
 */
@ApplicationScoped
public class SecretBox {
    static final int MIN_KEY_LENGTH = 32;
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<SecretKeySpec> key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(SecretsConfig config) {
        this.key = config.key().filter(value -> !value.isBlank()).map(SecretBox::derive);
        config.key().filter(value -> value.length() < MIN_KEY_LENGTH).ifPresent(value -> {
            throw new IllegalStateException("fjord.secrets.key (FJORD_SECRET_KEY) must be at least " + MIN_KEY_LENGTH
                    + " characters");
        });
    }

    /** Observing start builds the bean then, so a key that is too short stops the service at once. */
    void checkAtStart(@Observes StartupEvent ignored) {
        // the constructor checked it
    }

    public String seal(String plain, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, context);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String open(String stored, String context) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalStateException("a stored secret (" + context + ") is not in a known format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, IV_BYTES), context);
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret (" + context + ") cannot be decrypted: was "
                    + "FJORD_SECRET_KEY changed?");
        }
    }

    private Cipher cipher(int mode, byte[] iv, String context) throws GeneralSecurityException {
        SecretKeySpec secret = key.orElseThrow(() -> new ApiException(503,
                "build-service has no FJORD_SECRET_KEY, so it cannot store or read webhook secrets; "
                        + "the operator sets it in /etc/fjord/fjord.env"));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, secret, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** The configured text is a high-entropy secret; SHA-256 turns any length of it into an AES-256 key. */
    private static SecretKeySpec derive(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("fjord build-service secrets\0" + text).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
