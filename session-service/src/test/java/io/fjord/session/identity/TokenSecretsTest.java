package io.fjord.session.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSecretsTest {

    @Test
    void newTokensAreFjordAnd256RandomBits() {
        String token = TokenSecrets.newToken();
        assertTrue(token.matches("fjord_[A-Za-z0-9_-]{43}"), token);
        assertTrue(TokenSecrets.hasForm(token));
        assertNotEquals(token, TokenSecrets.newToken());
    }

    @Test
    void theInstallScriptsTokensHaveOurForm() {
        // install.sh: printf 'fjord_%s%s' "$(secret)" "$(secret)", each secret 32 hex digits
        assertTrue(TokenSecrets.hasForm("fjord_" + "0123456789abcdef".repeat(4)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "fjord_", "fjord_short", "FJORD_0123456789abcdef0123456789abcdef",
            "fjord_0123456789abcdef0123456789abcdef\r\n", "fjord_0123456789abcdef 0123456789abcdef0",
            "ghp_0123456789abcdef0123456789abcdef0123"})
    void otherStringsAreNotTokens(String text) {
        assertFalse(TokenSecrets.hasForm(text));
    }

    @Test
    void theHashIsLowercaseHexSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.hash("abc"));
    }
}
