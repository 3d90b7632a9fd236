package io.fjord.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.session.api.ExactNumbers;
import io.fjord.session.store.Session;
import io.fjord.session.store.SessionIds;

class SessionCodecTest {
    private final ObjectMapper mapper = mapper();
    private final SessionCodec codec = new SessionCodec(mapper);

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new ExactNumbers().customize(mapper);
        return mapper;
    }

    @Test
    void theStoredFormStartsWithTheHeaderTheScriptsRead() throws Exception {
        ObjectNode data = (ObjectNode) mapper.readTree("{\"ttl\": 5, \"version\": 9, \"user\": \"ada\"}");
        String stored = codec.encode(new Session(SessionIds.newId(), data, 600, 12, null));
        assertTrue(stored.matches("^\\{\"version\":12,\"ttl\":600,\"data\":\\{.*\\}\\}$"), stored);
    }

    @Test
    void dataComesBackExactlyAsItWasGiven() throws Exception {
        String json = "{\"price\":1.10,\"big\":123456789012345678901234567890,\"name\":\"Bjørn 🐟\","
                + "\"nested\":{\"list\":[1,{\"a\":null},[]],\"empty\":{}}}";
        ObjectNode data = (ObjectNode) mapper.readTree(json);
        String id = SessionIds.newId();
        Session decoded = codec.decode(id, codec.encode(new Session(id, data, 60, 3, null)));
        assertEquals(json, mapper.writeValueAsString(decoded.data()));
        assertEquals(60, decoded.ttl());
        assertEquals(3, decoded.version());
        assertEquals(id, decoded.id());
    }

    @Test
    void aUsersSessionCarriesTheHashOfTheUserInItsHeader() throws Exception {
        String id = SessionIds.newId();
        String userId = "ada\",\"data\":{}} \u2603";
        String stored = codec.encode(new Session(id, mapper.createObjectNode(), 60, 2, userId));
        assertTrue(stored.startsWith("{\"version\":2,\"ttl\":60,\"user\":\"" + SessionCodec.userHash(userId) + "\","),
                stored);
        assertTrue(SessionCodec.userHash(userId).matches("[0-9a-f]{64}"));
        Session decoded = codec.decode(id, stored);
        assertEquals(userId, decoded.userId());
        assertEquals(0, decoded.data().size());
    }
}
