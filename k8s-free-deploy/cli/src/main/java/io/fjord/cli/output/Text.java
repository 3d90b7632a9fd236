package io.fjord.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small pieces of human output shared by the commands: headers, aligned key/value lists, values, times. */
public final class Text {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

    private Text() {
    }

    /** Heroku's section header: {@code === shop Releases}. */
    public static String header(String title) {
        return "=== " + title + "\n";
    }

    /** {@code Key:   value} lines with the values aligned. */
    public static String keyValues(Map<String, String> fields) {
        int width = 0;
        for (String key : fields.keySet()) {
            width = Math.max(width, key.length() + 1);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String label = field.getKey() + ":";
            out.append((label + " ".repeat(width - label.length() + 1) + field.getValue()).stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Every field of a JSON object as label and value, in the API's order: for info views of any shape. */
    public static Map<String, String> fields(JsonNode object, ZoneId zone) {
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            String value = field.getKey().endsWith("At") ? time(value(field.getValue()), zone) : value(field.getValue());
            fields.put(label(field.getKey()), value);
        }
        return fields;
    }

    /** A JSON value as a person reads it: text as is, null as empty, arrays joined by commas. */
    public static String value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(value(item)));
            return String.join(", ", items);
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** {@code createdAt} becomes {@code Created at}. */
    public static String label(String camelCase) {
        String spaced = camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** An ISO-8601 instant in the user's zone, to the second; anything else is shown as it came. */
    public static String time(String iso, ZoneId zone) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return OffsetDateTime.parse(iso).atZoneSameInstant(zone).format(TIME);
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(iso).atZone(zone).format(TIME);
            } catch (DateTimeParseException again) {
                return iso;
            }
        }
    }

    /** The first characters of a commit or id, as git shows them. */
    public static String shortId(String id, int length) {
        return id == null ? "" : id.length() <= length ? id : id.substring(0, length);
    }
}
