package io.fjord.deploy.app;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.platform.api.ApiException;

/**
 * An app's own limits and timeouts, changed with {@code PATCH /api/apps/{app}/settings}: memoryMb, cpus,
 * capAdd, drainSeconds, stopSeconds; null puts a setting back to the platform's default. They apply to
 * the containers the app's next release (or scale-up) starts.
 */
public final class AppSettings {
    /**
     * Capabilities an app may ask back (containers drop all). Each is needed by common images (binding
     * port 80, dropping root, fixing file owners) and none reaches beyond the container.
     */
    public static final Set<String> CAPABILITIES = Set.of("NET_BIND_SERVICE", "CHOWN", "SETUID", "SETGID",
            "DAC_OVERRIDE", "FOWNER");
    private static final Set<String> FIELDS = Set.of("memoryMb", "cpus", "capAdd", "drainSeconds", "stopSeconds");

    private AppSettings() {
    }

    /** Checks the whole change first, then applies it: a bad field changes nothing. */
    public static void apply(App app, JsonNode patch) {
        if (patch == null || !patch.isObject() || patch.isEmpty()) {
            throw ApiException.badRequest("a JSON object with one or more of " + new TreeSet<>(FIELDS) + " is required");
        }
        List<Consumer<App>> changes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            boolean reset = value.isNull();
            switch (field.getKey()) {
                case "memoryMb" -> {
                    Long bytes = reset ? null : whole(field.getKey(), value, 16, 65536) * 1024 * 1024;
                    changes.add(a -> a.memoryBytes = bytes);
                }
                case "cpus" -> {
                    Long nano = reset ? null : nanoCpus(value);
                    changes.add(a -> a.nanoCpus = nano);
                }
                case "capAdd" -> {
                    String caps = reset ? null : capabilities(value);
                    changes.add(a -> a.capAdd = caps);
                }
                case "drainSeconds" -> {
                    Integer seconds = reset ? null : (int) whole(field.getKey(), value, 0, 300);
                    changes.add(a -> a.drainSeconds = seconds);
                }
                case "stopSeconds" -> {
                    Integer seconds = reset ? null : (int) whole(field.getKey(), value, 1, 300);
                    changes.add(a -> a.stopSeconds = seconds);
                }
                default -> throw ApiException.badRequest("unknown setting '" + field.getKey() + "'; settings are "
                        + new TreeSet<>(FIELDS));
            }
        }
        changes.forEach(change -> change.accept(app));
    }

    /** The capabilities of a stored {@code cap_add}. */
    public static List<String> capAdd(App app) {
        return app.capAdd == null || app.capAdd.isBlank() ? List.of() : List.of(app.capAdd.split(","));
    }

    private static long whole(String name, JsonNode value, long min, long max) {
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
        }
        return value.asLong();
    }

    private static long nanoCpus(JsonNode value) {
        if (!value.isNumber() || value.asDouble() < 0.05 || value.asDouble() > 64) {
            throw ApiException.badRequest("cpus must be a number from 0.05 to 64");
        }
        return Math.round(value.asDouble() * 1e9);
    }

    private static String capabilities(JsonNode value) {
        if (!value.isArray()) {
            throw ApiException.badRequest("capAdd must be a list of capability names");
        }
        Set<String> caps = new TreeSet<>();
        for (JsonNode cap : value) {
            String name = cap.isTextual() ? cap.asText().toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "") : null;
            if (name == null || !CAPABILITIES.contains(name)) {
                throw ApiException.badRequest("capAdd may only hold " + new TreeSet<>(CAPABILITIES)
                        + (cap.isTextual() && cap.asText().length() <= 40 ? ", not '" + cap.asText() + "'" : ""));
            }
            caps.add(name);
        }
        return caps.isEmpty() ? null : String.join(",", caps);
    }
}
