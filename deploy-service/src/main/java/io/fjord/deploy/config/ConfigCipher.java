package io.fjord.deploy.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for config vars at rest. A stored value is base64 of a fresh 12-byte nonce followed by the
 * ciphertext and its tag. The associated data ties a ciphertext to its app and version, so a row copied
 * to another app or version does not decrypt.
 */
public final class ConfigCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private ConfigCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** From {@code FJORD_SECRET_KEY}: base64 of 32 bytes. The message never shows the key. */
    public static ConfigCipher fromBase64(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalStateException("FJORD_SECRET_KEY is not set: config vars cannot be encrypted");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("FJORD_SECRET_KEY is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("FJORD_SECRET_KEY must be base64 of 32 bytes, it has " + key.length);
        }
        return new ConfigCipher(key);
    }

    public String encrypt(String plaintext, String associated) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** @throws IllegalStateException when the data was not sealed with this key and associated data */
    public String decrypt(String stored, String associated) {
        try {
            byte[] in = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // No detail: it would say nothing useful and must never carry data.
            throw new IllegalStateException("stored config vars could not be decrypted (was FJORD_SECRET_KEY changed?)");
        }
    }
}
