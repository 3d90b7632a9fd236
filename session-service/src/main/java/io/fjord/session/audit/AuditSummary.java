package io.fjord.session.audit;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an event's data says, for the audit, without anything that could be a secret. Only fields known
 * to hold identifiers show their values ({@code app=shop version=3}); any other field shows its name
 * alone, an object the names of its keys ({@code config{DATABASE_URL, SECRET_KEY}}), an array its
 * length ({@code upstreams[2]}). A field added to an event later is thus hidden until it is listed here.
 */
public final class AuditSummary {
    /** Fields whose values identify things and never hold secrets. */
    private static final Set<String> SHOWN = Set.of("app", "buildId", "version", "generation", "commit", "image",
            "imageId", "exposedPort", "status", "id", "name", "scope", "expiresAt");
    static final int MAX_LENGTH = 1000;
    private static final int MAX_VALUE = 80;

    private AuditSummary() {
    }

    public static String of(JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return "";
        }
        if (!data.isObject()) {
            return "(" + data.getNodeType().toString().toLowerCase() + ")";
        }
        StringBuilder summary = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (summary.length() > 0) {
                summary.append(' ');
            }
            summary.append(describe(printable(field.getKey()), field.getValue()));
        }
        return summary.length() > MAX_LENGTH ? summary.substring(0, MAX_LENGTH - 3) + "..." : summary.toString();
    }

    private static String describe(String name, JsonNode value) {
        if (value.isObject()) {
            StringBuilder keys = new StringBuilder(name).append('{');
            for (Iterator<String> names = value.fieldNames(); names.hasNext();) {
                keys.append(printable(names.next())).append(names.hasNext() ? ", " : "");
            }
            return keys.append('}').toString();
        }
        if (value.isArray()) {
            return name + "[" + value.size() + "]";
        }
        if (value.isNull() || !SHOWN.contains(name)) {
            return name;
        }
        return name + "=" + printable(value.asText());
    }

    /** Without control characters or spaces (they would blur the fields), cut to a sane length. */
    private static String printable(String text) {
        String clean = text.replaceAll("[\\p{Cntrl}\\s]", "?");
        return clean.length() > MAX_VALUE ? clean.substring(0, MAX_VALUE) + "..." : clean;
    }
}
