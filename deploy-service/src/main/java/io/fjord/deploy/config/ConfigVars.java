package io.fjord.deploy.config;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.platform.api.ApiException;

/**
 * The rules for config vars and the merge of a change into the current set. Errors name the key that is
 * wrong and never show a value: values are secrets.
 */
public final class ConfigVars {
    public static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    public static final int MAX_KEY_LENGTH = 200;
    public static final int MAX_VALUE_BYTES = 32 * 1024;
    public static final int MAX_TOTAL_BYTES = 256 * 1024;

    /** The platform sets PORT itself; FJORD_ is kept for what it may set later. */
    private static final Set<String> RESERVED = Set.of("PORT");
    private static final String RESERVED_PREFIX = "FJORD_";

    /** {@code changed}: the keys set or removed, sorted. */
    public record Merge(Map<String, String> vars, Set<String> changed) {
        public boolean changesNothing() {
            return changed.isEmpty();
        }
    }

    private ConfigVars() {
    }

    /**
     * Applies {@code {"KEY": "value", "OLD": null}} to {@code current}. Checks everything first, so a bad
     * change changes nothing.
     */
    public static Merge merge(Map<String, String> current, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("a JSON object {\"KEY\": \"value\", \"OLD\": null} is required");
        }
        if (patch.isEmpty()) {
            throw ApiException.badRequest("no config vars given");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            checkKey(key);
            JsonNode value = field.getValue();
            if (value.isNull()) {
                changes.put(key, null);
            } else if (value.isTextual()) {
                checkValue(key, value.asText());
                changes.put(key, value.asText());
            } else {
                throw ApiException.badRequest("the value of " + key + " must be a string, or null to remove it");
            }
        }
        Map<String, String> vars = new TreeMap<>(current);
        Set<String> changed = new TreeSet<>();
        changes.forEach((key, value) -> {
            String before = value == null ? vars.remove(key) : vars.put(key, value);
            if (!Objects.equals(before, value)) {
                changed.add(key);
            }
        });
        long total = vars.entrySet().stream().mapToLong(e -> bytes(e.getKey()) + bytes(e.getValue())).sum();
        if (total > MAX_TOTAL_BYTES) {
            throw ApiException.badRequest("config vars would take " + total + " bytes; at most " + MAX_TOTAL_BYTES
                    + " bytes (keys and values) per app");
        }
        return new Merge(vars, changed);
    }

    public static void checkKey(String key) {
        if (key.isEmpty()) {
            throw ApiException.badRequest("a config var needs a name");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("config var name " + printable(key.substring(0, 20)) + "... is too long: at most "
                    + MAX_KEY_LENGTH + " characters");
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("config var name '" + printable(key) + "' is invalid: letters, digits and _,"
                    + " not starting with a digit (" + KEY.pattern() + ")");
        }
        if (RESERVED.contains(key) || key.startsWith(RESERVED_PREFIX)) {
            throw ApiException.badRequest("config var name " + key + " is reserved: the platform sets PORT and FJORD_*");
        }
    }

    private static void checkValue(String key, String value) {
        if (value.indexOf('\0') >= 0) {
            throw ApiException.badRequest("the value of " + key + " contains a NUL byte, which a process environment"
                    + " cannot hold");
        }
        if (bytes(value) > MAX_VALUE_BYTES) {
            throw ApiException.badRequest("the value of " + key + " is too large: at most " + MAX_VALUE_BYTES
                    + " bytes");
        }
    }

    /** A refused name, shown without control characters and cut short: it is the caller's own input. */
    private static String printable(String key) {
        String shown = key.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
