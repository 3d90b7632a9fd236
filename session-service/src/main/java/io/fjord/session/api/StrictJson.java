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

/**
 * Reads the JSON object body of the identity API: one object, each key once, no unknown fields, so that a
 * misspelt field ({@code "expires"}) is a 400 rather than silently ignored.
 */
@ApplicationScoped
public class StrictJson {
    private final ObjectReader reader;

    public StrictJson(ObjectMapper mapper) {
        this.reader = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The body as an object with no fields but {@code fields}; {@code shape} shows the caller what is expected. */
    ObjectNode object(byte[] body, Set<String> fields, String shape) {
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : reader.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object: " + shape);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown field '" + printable(name) + "'; expected " + shape);
            }
        }
        return (ObjectNode) json;
    }

    /** A string field; null when absent or null and not {@code required}. */
    static String text(ObjectNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest(field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    /** The caller's field name, cut short and without control characters, fit for an error message. */
    private static String printable(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
