package io.fjord.build.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fjord.platform.api.ApiException;

class SecretBoxTest {
    private static SecretBox box(String key) {
        return new SecretBox(() -> Optional.ofNullable(key));
    }

    private final SecretBox box = box("0123456789abcdef0123456789abcdef-test");

    @Test
    void sealsAndOpensWithoutKeepingThePlainText() {
        String sealed = box.seal("s3cret-token", "app_webhook.token:shop");
        assertFalse(sealed.contains("s3cret"));
        assertNotEquals(sealed, box.seal("s3cret-token", "app_webhook.token:shop"), "each seal has its own IV");
        assertEquals("s3cret-token", box.open(sealed, "app_webhook.token:shop"));
    }

    @Test
    void aCiphertextMovedToAnotherAppOrColumnOrKeyDoesNotOpen() {
        String sealed = box.seal("s3cret", "app_webhook.secret:shop");
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "app_webhook.secret:other"));
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "app_webhook.token:shop"));
        assertThrows(IllegalStateException.class, () -> box("another-key-0123456789abcdef0123456789")
                .open(sealed, "app_webhook.secret:shop"));
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(IllegalStateException.class, () -> box.open(tampered, "app_webhook.secret:shop"));
    }

    @Test
    void withoutAKeyNothingIsStoredAndAShortKeyIsRefused() {
        ApiException e = assertThrows(ApiException.class, () -> box(null).seal("x", "c"));
        assertEquals(503, e.status());
        assertThrows(IllegalStateException.class, () -> box("short"));
    }
}
