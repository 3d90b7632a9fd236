package io.fjord.session.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.fjord.platform.api.ApiException;

class PasswordsTest {
    /** Few rounds: these tests are about the format, not the cost. */
    private final Passwords passwords = new Passwords(1000);

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = passwords.hash("correct horse battery");
        assertTrue(passwords.matches("correct horse battery", hash));
        assertFalse(passwords.matches("correct horse batterY", hash));
        assertFalse(passwords.matches("", hash));
    }

    @Test
    void theHashNamesItsSchemeAndRoundsAndIsSalted() {
        String hash = passwords.hash("correct horse battery");
        assertTrue(hash.matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
        assertNotEquals(hash, passwords.hash("correct horse battery"));
        assertFalse(hash.contains("correct"));
    }

    @Test
    void hashesMadeWithOtherRoundsStillVerify() {
        String older = new Passwords(500).hash("Bjørn's passwørd");
        assertTrue(passwords.matches("Bjørn's passwørd", older));
    }

    @Test
    void noStoredHashMatchesNothing() {
        assertFalse(passwords.matches("decoy password that no one has", null));
    }

    @Test
    void passwordsHaveALength() {
        assertEquals(400, assertThrows(ApiException.class, () -> Users.checkPassword("short")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> Users.checkPassword("x".repeat(1025))).status());
        Users.checkPassword("twelve chars");
        Users.checkPassword("ø".repeat(12));
    }
}
