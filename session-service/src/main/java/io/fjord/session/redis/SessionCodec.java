package io.fjord.session.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.session.store.Session;

/**
 * The stored form of a session: one JSON value {@code {"version":N,"ttl":S,"data":{...}}}, always
 * starting with exactly that header; a session of a user has {@code "user":"<index key suffix>",} after
 * the ttl and its {@code "userId"} before the data. The Lua scripts read the header with a pattern
 * instead of decoding the whole value, so Redis does no work proportional to the session's size.
 */
@ApplicationScoped
public class SessionCodec {
    private final ObjectMapper mapper;

    public SessionCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(Session session) {
        try {
            String user = session.userId() == null ? "" : "\"user\":\"" + SessionCodec.userHash(session.userId())
                    + "\",\"userId\":" + mapper.writeValueAsString(session.userId()) + ",";
            return "{\"version\":" + session.version() + ",\"ttl\":" + session.ttl() + "," + user
                    + "\"data\":" + mapper.writeValueAsString(session.data()) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session data that was parsed as JSON could not be written", e);
        }
    }

    public Session decode(String id, String stored) {
        try {
            JsonNode node = mapper.readTree(stored);
            JsonNode userId = node.get("userId");
            return new Session(id, (ObjectNode) node.get("data"), node.get("ttl").longValue(),
                    node.get("version").longValue(), userId == null ? null : userId.asText());
        } catch (IOException e) {
            throw new UncheckedIOException("a stored session is not readable", e);
        }
    }

    /**
     * The hex SHA-256 of a user id: the suffix of the key of the user's index of sessions, of a fixed
     * length and alphabet whatever the app's ids look like.
     */
    public static String userHash(String userId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
