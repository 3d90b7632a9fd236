package io.fjord.session.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fjord.platform.api.ApiException;
import io.fjord.session.store.SessionPolicyFixture;

class SessionRequestReaderTest {
    private final SessionRequestReader reader = new SessionRequestReader(new ObjectMapper(),
            SessionPolicyFixture.standard());

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createDefaultsToEmptyDataAndTheDefaultTtl() {
        SessionRequest request = reader.forCreate(utf8("{}"));
        assertTrue(request.data().isEmpty());
        assertEquals(1800, request.ttl());
    }

    @Test
    void createTakesDataAndTtl() {
        SessionRequest request = reader.forCreate(utf8("{\"data\": {\"user\": \"Bjørn\"}, \"ttl\": 60}"));
        assertEquals("Bjørn", request.data().get("user").asText());
        assertEquals(60, request.ttl());
    }

    @Test
    void replaceWithoutTtlKeepsTheCurrentOne() {
        assertNull(reader.forReplace(utf8("{\"data\": {}}")).ttl());
        assertNull(reader.forReplace(utf8("{\"data\": {}, \"ttl\": null}")).ttl());
        assertEquals(90, reader.forReplace(utf8("{\"data\": {}, \"ttl\": 90}")).ttl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{\"data\": {", "not json", "{\"data\": {}} trailing", "{\"data\": {}}{}",
            "{\"data\": {}, \"data\": []}", "{\"data\": {\"a\": 1, \"a\": 2}}",
            "[]", "\"text\"", "42", "null", "{\"data\": [1]}", "{\"data\": \"x\"}",
            "{\"data\": null}", "{\"ttl\": \"60\"}", "{\"ttl\": -1}", "{\"user\": \"ada\"}",
            "{\"data\": {}, \"ttl\": 60, \"Data\": {}}"})
    void badCreateBodiesAreBadRequests(String body) {
        assertEquals(400, assertThrows(ApiException.class, () -> reader.forCreate(utf8(body))).status());
    }

    @Test
    void noBodyIsABadRequest() {
        assertEquals(400, assertThrows(ApiException.class, () -> reader.forCreate(null)).status());
    }

    @Test
    void malformedJsonSaysSo() {
        assertEquals("the body is not valid JSON",
                assertThrows(ApiException.class, () -> reader.forCreate(utf8("{\"data\": {"))).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"ttl\": 60}", "{\"data\": []}", "{\"data\": {}, \"ttl\": 0}",
            "{\"data\": {}, \"ttl\": \"60\"}"})
    void badReplaceBodiesAreBadRequests(String body) {
        assertEquals(400, assertThrows(ApiException.class, () -> reader.forReplace(utf8(body))).status());
    }

    @Test
    void controlCharactersOfAnUnknownFieldDoNotReachTheMessage() {
        ApiException e = assertThrows(ApiException.class,
                () -> reader.forCreate(utf8("{\"a\\r\\nSet-Cookie: x\": 1}")));
        assertEquals("unknown field 'a??Set-Cookie: x'; expected data, ttl and userId", e.getMessage());
    }
}
