package io.fjord.build.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The app's config vars marked build-time, from deploy-service ({@code GET /internal/apps/<app>/build-config},
 * {@code {"KEY": "value"}}), which become the build's {@code --build-arg}s. Values are secrets: they are
 * never logged or put in a message.
 */
@ApplicationScoped
public class BuildTimeConfig {
    /** What docker accepts as an ARG name, and what a shell accepts as a variable. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,254}$");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** deploy-service checks this header on its /internal/ paths once the edge check is on. */
    private static final String EDGE_HEADER = "X-Fjord-Edge";

    /** The answer: the vars, and whether deploy-service knew of them at all (404: the app or the endpoint). */
    public record Vars(Map<String, String> values, boolean known) {
    }

    /** deploy-service could not be asked, or answered what is not a build config; the build must not go on. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private final DeployConfig config;
    private final Optional<String> edgeSecret;
    private final HttpClient http;

    BuildTimeConfig(DeployConfig config, @ConfigProperty(name = "fjord.auth.edge-secret") Optional<String> edgeSecret) {
        this.config = config;
        this.edgeSecret = edgeSecret;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    public Vars of(String app) {
        String base = config.url().replaceAll("/+$", "");
        URI uri = URI.create(base + "/internal/apps/" + app + "/build-config");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Accept", "application/json").GET();
        edgeSecret.ifPresent(secret -> request.header(EDGE_HEADER, secret));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Unavailable("deploy-service at " + base + " did not answer within "
                    + config.timeout().toSeconds() + " s when asked for the build-time config vars");
        } catch (IOException e) {
            throw new Unavailable("deploy-service at " + base + " could not be asked for the build-time config vars ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking deploy-service for the build-time config vars");
        }
        if (response.statusCode() == 404) {
            return new Vars(Map.of(), false);
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("deploy-service answered HTTP " + response.statusCode()
                    + " when asked for the build-time config vars");
        }
        return new Vars(parse(response.body()), true);
    }

    /** A flat JSON object of names to strings; anything else is refused without quoting it. */
    static Map<String, String> parse(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new Unavailable("deploy-service's build-time config vars are not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new Unavailable("deploy-service's build-time config vars are not a JSON object");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!NAME.matcher(field.getKey()).matches()) {
                throw new Unavailable("deploy-service sent a build-time config var whose name is not a valid "
                        + "build arg name");
            }
            if (!field.getValue().isTextual()) {
                throw new Unavailable("deploy-service sent build-time config var " + field.getKey()
                        + " with a value that is not a string");
            }
            vars.put(field.getKey(), field.getValue().asText());
        }
        return vars;
    }
}
