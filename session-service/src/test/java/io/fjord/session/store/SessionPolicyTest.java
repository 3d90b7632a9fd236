package io.fjord.session.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import io.fjord.platform.api.ApiException;

class SessionPolicyTest {
    private static final long DAY = 86_400;
    private final SessionPolicy policy = new SessionPolicy(1800, 30 * DAY, 65_536);
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void noTtlMeansTheDefault() {
        assertEquals(1800, policy.ttl(null));
        assertEquals(1800, policy.ttl(NullNode.instance));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "60", "2592000"})
    void wholeSecondsWithinBoundsPass(String json) throws Exception {
        assertEquals(Long.parseLong(json), policy.ttl(mapper.readTree(json)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-60", "2592001", "99999999999999999999999", "\"60\"", "\"abc\"", "1.5",
            "60.0", "1e3", "true", "[60]", "{\"s\": 60}"})
    void anythingElseIsABadRequest(String json) throws Exception {
        JsonNode ttl = mapper.readTree(json);
        ApiException e = assertThrows(ApiException.class, () -> policy.ttl(ttl));
        assertEquals(400, e.status());
    }

    @Test
    void sizeAboveTheLimitIsTooLarge() {
        assertDoesNotThrow(() -> policy.checkSize(65_536));
        assertEquals(413, assertThrows(ApiException.class, () -> policy.checkSize(65_537)).status());
    }

    @Test
    void aDefaultOutsideTheBoundsIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new SessionPolicy(0, DAY, 1024));
        assertThrows(IllegalArgumentException.class, () -> new SessionPolicy(2 * DAY, DAY, 1024));
    }
}
