package io.fjord.session.api;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.platform.api.ApiException;
import io.fjord.session.store.SessionPolicy;

/**
 * Reads the body of a create or replace and checks it field by field, so that each mistake gets its own
 * message. It parses the bytes itself: a body that is not JSON then gets a message that says so.
 */
@ApplicationScoped
public class SessionRequestReader {
    private static final Set<String> CREATE_FIELDS = Set.of("data", "ttl", "userId");
    private static final String CREATE_EXPECTED = "data, ttl and userId";
    private static final Set<String> REPLACE_FIELDS = Set.of("data", "ttl");
    private static final String REPLACE_EXPECTED = "data and ttl (a session's user never changes)";

    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final SessionPolicy policy;

    public SessionRequestReader(ObjectMapper mapper, SessionPolicy policy) {
        this.mapper = mapper;
        // One JSON value, nothing after it, each key once: what the app meant is never a guess.
        this.reader = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.policy = policy;
    }

    /** Create: data defaults to an empty object, ttl to the policy's default, userId to none. */
    SessionRequest forCreate(byte[] body) {
        ObjectNode fields = fields(body, CREATE_FIELDS, CREATE_EXPECTED);
        JsonNode data = fields.get("data");
        JsonNode userId = fields.get("userId");
        return new SessionRequest(data == null ? mapper.createObjectNode() : object(data), policy.ttl(fields.get("ttl")),
                userId == null || userId.isNull() ? null : userId(userId));
    }

    /** A user id as the app knows it: a string of printable characters, within the policy's length. */
    private String userId(JsonNode userId) {
        if (!userId.isTextual()) {
            throw ApiException.badRequest("userId must be a string");
        }
        return policy.userId(userId.asText());
    }

    /** Replace: data is required, a missing ttl keeps the session's current one. */
    SessionRequest forReplace(byte[] body) {
        ObjectNode fields = fields(body, REPLACE_FIELDS, REPLACE_EXPECTED);
        JsonNode data = fields.get("data");
        if (data == null) {
            throw ApiException.badRequest("data is required: the new data of the session, a JSON object");
        }
        JsonNode ttl = fields.get("ttl");
        return new SessionRequest(object(data), ttl == null || ttl.isNull() ? null : policy.ttl(ttl), null);
    }

    private ObjectNode fields(byte[] body, Set<String> allowed, String expected) {
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : reader.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object: {\"data\": {...}, \"ttl\": seconds}");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + printable(name) + "'; expected " + expected);
            }
        }
        return (ObjectNode) json;
    }

    private static ObjectNode object(JsonNode data) {
        if (!data.isObject()) {
            throw ApiException.badRequest("data must be a JSON object");
        }
        return (ObjectNode) data;
    }

    /** The caller's field name, cut short and without control characters, fit for an error message. */
    private static String printable(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
