package io.fjord.session.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongPredicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.platform.api.ApiException;

class IfMatchTest {

    @Test
    void etagsAreTheQuotedVersion() {
        assertEquals("\"7\"", IfMatch.etag(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*", " * "})
    void absentOrStarAcceptsAnyVersion(String header) {
        assertTrue(IfMatch.parse(header).test(1));
        assertTrue(IfMatch.parse(header).test(42));
        assertTrue(IfMatch.parse(null).test(42));
    }

    @Test
    void aTagAcceptsItsVersionOnly() {
        LongPredicate matches = IfMatch.parse("\"3\"");
        assertTrue(matches.test(3));
        assertFalse(matches.test(2));
        assertFalse(matches.test(4));
    }

    @Test
    void aListAcceptsEachOfItsVersions() {
        LongPredicate matches = IfMatch.parse("\"3\", \"5\" ,\"x\"");
        assertTrue(matches.test(3));
        assertTrue(matches.test(5));
        assertFalse(matches.test(4));
    }

    @Test
    void weakTagsNeverMatch() {
        assertFalse(IfMatch.parse("W/\"3\"").test(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "\"3", "\"3\" \"4\"", "\"3\",", "W/3", "\"3\"\r\nX: y"})
    void whatIsNotAnEntityTagListIsABadRequest(String header) {
        assertEquals(400, assertThrows(ApiException.class, () -> IfMatch.parse(header)).status());
    }
}
