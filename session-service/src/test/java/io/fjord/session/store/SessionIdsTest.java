package io.fjord.session.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdsTest {

    @Test
    void idsCarry256RandomBitsInBase64UrlWithoutPadding() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = SessionIds.newId();
            assertEquals(43, id.length());
            assertEquals(32, Base64.getUrlDecoder().decode(id).length);
            assertTrue(SessionIds.isValid(id), id);
            assertTrue(seen.add(id), "ids repeat");
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "abc",
            "..",
            "*",
            "fjord:session:*",
            "abc\r\nSet-Cookie:x",
            "abc%0d%0aSet-Cookie:x",
            // one character short, one too many
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            // right length, but a last character no 32-byte value encodes to
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",
            // standard base64, padding, space, CR/LF in an otherwise fine id
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+A",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/A",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA A",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n",
    })
    void anythingButOurFormIsRefused(String id) {
        assertFalse(SessionIds.isValid(id), String.valueOf(id));
    }

    @Test
    void everyPossibleLastCharacterOfOurIdsIsAccepted() {
        for (char last : "AEIMQUYcgkosw048".toCharArray()) {
            assertTrue(SessionIds.isValid("_-azAZ09".repeat(5) + "xy" + last));
        }
    }
}
