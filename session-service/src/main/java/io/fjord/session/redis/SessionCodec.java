package io.fjord.session.redis;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.session.store.Session;

/**
 * The stored form of a session: one JSON value {@code {"version":N,"ttl":S,"data":{...}}}, always
 * starting with exactly that header. The Lua scripts read version and ttl from the header with a
 * pattern instead of decoding the whole value, so Redis does no work proportional to the session's size.
 */
@ApplicationScoped
public class SessionCodec {
    private final ObjectMapper mapper;

    public SessionCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(Session session) {
        try {
            return "{\"version\":" + session.version() + ",\"ttl\":" + session.ttl()
                    + ",\"data\":" + mapper.writeValueAsString(session.data()) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session data that was parsed as JSON could not be written", e);
        }
    }

    public Session decode(String id, String stored) {
        try {
            JsonNode node = mapper.readTree(stored);
            return new Session(id, (ObjectNode) node.get("data"), node.get("ttl").longValue(),
                    node.get("version").longValue());
        } catch (IOException e) {
            throw new UncheckedIOException("a stored session is not readable", e);
        }
    }
}
