package io.fjord.session.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AppRedisPasswordsTest {
    private static final String SECRET = "a-master-secret-of-at-least-32-characters";

    @Test
    void theSameAppAndSaltGiveTheSamePassword() {
        assertEquals(AppRedisPasswords.password(SECRET, "shop", "s1"), AppRedisPasswords.password(SECRET, "shop", "s1"));
    }

    @Test
    void anotherAppSaltOrSecretGivesAnother() {
        String password = AppRedisPasswords.password(SECRET, "shop", "s1");
        assertNotEquals(password, AppRedisPasswords.password(SECRET, "shop2", "s1"));
        assertNotEquals(password, AppRedisPasswords.password(SECRET, "shop", "s2"));
        assertNotEquals(password, AppRedisPasswords.password(SECRET + "x", "shop", "s1"));
    }

    @Test
    void passwordsAre256BitsSafeInAUrl() {
        assertTrue(AppRedisPasswords.password(SECRET, "shop", "s1").matches("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void aShortOrMissingSecretIsRefused() {
        assertThrows(IllegalStateException.class, () -> AppRedisPasswords.password("short", "shop", "s1"));
        assertThrows(IllegalStateException.class, () -> AppRedisPasswords.checkSecret(null));
    }
}
