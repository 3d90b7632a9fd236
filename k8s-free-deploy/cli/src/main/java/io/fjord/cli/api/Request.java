package io.fjord.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Exactly what a command sends to the API: method, path (with query) and an optional JSON body. Commands build
 * these with pure methods so that tests can check the request without a server.
 */
public record Request(String method, String path, JsonNode body) {

    public static Request get(String path) {
        return new Request("GET", path, null);
    }

    public static Request delete(String path) {
        return new Request("DELETE", path, null);
    }

    public static Request post(String path, JsonNode body) {
        return new Request("POST", path, body);
    }

    public static Request put(String path, JsonNode body) {
        return new Request("PUT", path, body);
    }

    public static Request patch(String path, JsonNode body) {
        return new Request("PATCH", path, body);
    }

    /**
     * Fills each {@code {}} of the template with the next value, percent-encoded as one path segment, so an
     * argument can never add segments or a query to the path.
     */
    public static String path(String template, String... values) {
        StringBuilder path = new StringBuilder();
        int from = 0;
        for (String value : values) {
            int at = template.indexOf("{}", from);
            if (at < 0) {
                throw new IllegalArgumentException("more values than {} in " + template);
            }
            path.append(template, from, at).append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            from = at + 2;
        }
        if (template.indexOf("{}", from) >= 0) {
            throw new IllegalArgumentException("fewer values than {} in " + template);
        }
        return path.append(template.substring(from)).toString();
    }

    @Override
    public String toString() {
        return method + " " + path + (body == null ? "" : " " + body);
    }
}
