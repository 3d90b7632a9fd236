package io.fjord.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ConfigCipherTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        ConfigCipher cipher = ConfigCipher.fromBase64(KEY);

        String a = cipher.encrypt("{\"API_KEY\":\"s3cret\"}", "fjord-config:shop:1");
        String b = cipher.encrypt("{\"API_KEY\":\"s3cret\"}", "fjord-config:shop:1");

        assertNotEquals(a, b, "a fresh nonce each time");
        assertFalse(a.contains("s3cret"));
        assertEquals("{\"API_KEY\":\"s3cret\"}", cipher.decrypt(a, "fjord-config:shop:1"));
    }

    @Test
    void aCiphertextOpensOnlyWithItsKeyAndPlace() {
        String sealed = ConfigCipher.fromBase64(KEY).encrypt("x", "fjord-config:shop:1");

        assertThrows(IllegalStateException.class, () -> ConfigCipher.fromBase64(KEY).decrypt(sealed, "fjord-config:other:1"));
        assertThrows(IllegalStateException.class, () -> ConfigCipher.fromBase64(OTHER).decrypt(sealed, "fjord-config:shop:1"));
    }

    @Test
    void refusesMissingOrMalformedKeys() {
        assertEquals("FJORD_SECRET_KEY is not set: config vars cannot be encrypted",
                assertThrows(IllegalStateException.class, () -> ConfigCipher.fromBase64("")).getMessage());
        assertThrows(IllegalStateException.class, () -> ConfigCipher.fromBase64("not base64!"));
        assertEquals("FJORD_SECRET_KEY must be base64 of 32 bytes, it has 16", assertThrows(IllegalStateException.class,
                () -> ConfigCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16]))).getMessage());
    }
}
