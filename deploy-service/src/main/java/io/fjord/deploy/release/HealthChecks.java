package io.fjord.deploy.release;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The health checks of an app's process types, in Dokku's app.json format:
 * {@code "healthchecks": {"web": [{"path": "/up", "attempts": 5, "timeout": 2, "wait": 1, "initialDelay": 0}]}}
 * (seconds; {@code content}: text the body must contain; {@code type} startup, the default, is checked
 * at deploy, liveness and readiness entries are accepted and not run). A type named with an empty list
 * has no check; an unnamed type falls back: web to {@code GET /up}, others to none.
 */
public record HealthChecks(Map<String, List<HealthCheck.Settings>> checks) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TYPE = Pattern.compile("^[A-Za-z0-9_-]{1,30}$");
    private static final Pattern PATH = Pattern.compile("^/[\\x21-\\x7e]{0,199}$");
    /** app.json is read from the image; anything bigger is not a config file. */
    public static final int MAX_APP_JSON_BYTES = 64 * 1024;

    public static final HealthChecks NONE = new HealthChecks(Map.of());

    /** The checks of one process type's containers, all of which must pass. */
    public List<HealthCheck.Settings> of(String process, HealthCheck.Settings webDefault) {
        List<HealthCheck.Settings> explicit = checks.get(process);
        if (explicit != null) {
            return explicit;
        }
        return "web".equals(process) ? List.of(webDefault) : List.of();
    }

    /** The checks of an app.json; {@link #NONE} when it has no {@code healthchecks}. */
    public static HealthChecks fromAppJson(String appJson, HealthCheck.Settings defaults) {
        JsonNode root;
        try {
            root = JSON.readTree(appJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("app.json is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("app.json must hold a JSON object");
        }
        JsonNode checks = root.get("healthchecks");
        return checks == null || checks.isNull() ? NONE : parse(checks, defaults);
    }

    /** The {@code healthchecks} object, as app.json or {@code PUT /api/apps/{app}/healthcheck} gives it. */
    public static HealthChecks parse(JsonNode checks, HealthCheck.Settings defaults) {
        if (checks == null || !checks.isObject()) {
            throw new IllegalArgumentException("healthchecks must be an object of process types to lists of checks");
        }
        Map<String, List<HealthCheck.Settings>> parsed = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> types = checks.fields(); types.hasNext();) {
            Map.Entry<String, JsonNode> type = types.next();
            String name = type.getKey();
            if (!TYPE.matcher(name).matches()) {
                throw new IllegalArgumentException("healthchecks: '" + (name.length() > 30 ? name.substring(0, 30) : name)
                        + "' is not a process type name");
            }
            if (!type.getValue().isArray()) {
                throw new IllegalArgumentException("healthchecks." + name + " must be a list of checks");
            }
            List<HealthCheck.Settings> list = new ArrayList<>();
            int i = 0;
            for (JsonNode check : type.getValue()) {
                String where = "healthchecks." + name + "[" + i++ + "]";
                if (!check.isObject()) {
                    throw new IllegalArgumentException(where + " must be an object");
                }
                String kind = text(check, "type", where, "startup");
                if (!List.of("startup", "liveness", "readiness").contains(kind)) {
                    throw new IllegalArgumentException(where + ".type must be startup, liveness or readiness");
                }
                HealthCheck.Settings settings = check(check, where, defaults);
                if (kind.equals("startup")) {
                    list.add(settings);
                }
            }
            parsed.put(name, List.copyOf(list));
        }
        return new HealthChecks(parsed);
    }

    /** In the format it was read from, with every field spelled out. */
    public ObjectNode toJson() {
        ObjectNode out = JSON.createObjectNode();
        checks.forEach((type, list) -> {
            ArrayNode array = out.putArray(type);
            list.forEach(check -> array.add(toJson(check)));
        });
        return out;
    }

    public static ObjectNode toJson(HealthCheck.Settings check) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "startup");
        node.put("path", check.path());
        node.put("attempts", check.attempts());
        node.put("timeout", check.timeout().toSeconds());
        node.put("wait", check.interval().toSeconds());
        node.put("initialDelay", check.initialDelay().toSeconds());
        if (check.content() != null) {
            node.put("content", check.content());
        }
        return node;
    }

    private static HealthCheck.Settings check(JsonNode check, String where, HealthCheck.Settings defaults) {
        String path = text(check, "path", where, defaults.path());
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException(where + ".path must start with / and hold no spaces (at most 200 characters)");
        }
        int attempts = (int) number(check, "attempts", where, defaults.attempts(), 1, 100);
        Duration timeout = Duration.ofSeconds(number(check, "timeout", where, Math.max(1, defaults.timeout().toSeconds()), 1, 120));
        Duration wait = Duration.ofSeconds(number(check, "wait", where, defaults.interval().toSeconds(), 0, 60));
        Duration initialDelay = Duration.ofSeconds(number(check, "initialDelay", where, 0, 0, 600));
        String content = check.has("content") && !check.get("content").isNull() ? text(check, "content", where, null) : null;
        if (content != null && content.length() > 200) {
            throw new IllegalArgumentException(where + ".content is too long: at most 200 characters");
        }
        // The platform's own default interval may be below a second (tests); app.json speaks whole seconds.
        Duration interval = check.has("wait") ? wait : defaults.interval();
        return new HealthCheck.Settings(path, attempts, interval, timeout, initialDelay, content);
    }

    private static String text(JsonNode check, String field, String where, String fallback) {
        JsonNode value = check.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + " must be a string");
        }
        return value.asText();
    }

    private static long number(JsonNode check, String field, String where, long fallback, long min, long max) {
        JsonNode value = check.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new IllegalArgumentException(where + "." + field + " must be a whole number from " + min + " to " + max);
        }
        return value.asLong();
    }

    /** Parses what {@link #toJson()} wrote (the stored API setting). */
    public static HealthChecks stored(String json, HealthCheck.Settings defaults) {
        try {
            return parse(JSON.readTree(json), defaults);
        } catch (IOException e) {
            throw new IllegalStateException("stored health checks are not JSON", e);
        }
    }
}
