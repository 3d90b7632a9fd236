package io.fjord.deploy.release;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.deploy.docker.ContainerSpec;
import io.fjord.platform.api.ApiException;

/**
 * A change of an app's process formation, {@code {"web": 3, "worker": 1}}: each named type must be one
 * the app runs (web, or a Procfile type other than release) and its count a whole number from 0 to the
 * platform's maximum. Types not named keep their count.
 */
public final class Formation {
    private Formation() {
    }

    /** The formation after the change; checks everything first, so a bad entry changes nothing. */
    public static Map<String, Integer> apply(Map<String, Integer> current, JsonNode change, Set<String> types, int max) {
        if (change == null || !change.isObject() || change.isEmpty()) {
            throw ApiException.badRequest("a JSON object of process types to counts, such as {\"web\": 2}, is required");
        }
        Map<String, Integer> next = new TreeMap<>(current == null ? Map.of() : current);
        for (Iterator<Map.Entry<String, JsonNode>> fields = change.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String type = field.getKey();
            if (ContainerSpec.RELEASE.equals(type)) {
                throw ApiException.badRequest("release runs once per release, before the switch; it cannot be scaled");
            }
            if (!types.contains(type)) {
                throw ApiException.badRequest("unknown process type '" + (type.length() > 30 ? type.substring(0, 30) + "..." : type)
                        + "'; this app runs " + new TreeSet<>(types));
            }
            JsonNode count = field.getValue();
            if (!count.isIntegralNumber() || !count.canConvertToInt() || count.asInt() < 0 || count.asInt() > max) {
                throw ApiException.badRequest("the count of " + type + " must be a whole number from 0 to " + max);
            }
            next.put(type, count.asInt());
        }
        return next;
    }
}
