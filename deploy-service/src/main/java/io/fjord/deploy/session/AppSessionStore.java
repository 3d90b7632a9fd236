package io.fjord.deploy.session;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fjord.platform.auth.AuthConfig;
import io.fjord.platform.auth.EdgeSecret;

/**
 * The environment that connects a release to its session store: {@code REDIS_URL} (with the app's own
 * Redis ACL user and password) and {@code SESSION_KEY_PREFIX}, asked of session-service on loopback each
 * time containers are made, so the password is never stored here nor sent over the bus. The values are
 * secrets: never logged, never put in a message.
 */
@ApplicationScoped
public class AppSessionStore {
    public static final String REDIS_URL = "REDIS_URL";
    public static final String SESSION_KEY_PREFIX = "SESSION_KEY_PREFIX";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** session-service could not say; containers made now would lack their session store. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private final SessionStoreConfig config;
    private final AuthConfig auth;
    private final HttpClient http;

    AppSessionStore(SessionStoreConfig config, AuthConfig auth) {
        this.config = config;
        this.auth = auth;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /**
     * The app's session-store variables; empty when session-service is not configured here or the app
     * has no Redis user there (an app made before session-service knew of it).
     */
    public Map<String, String> env(String app) {
        if (config.url().filter(url -> !url.isBlank()).isEmpty()) {
            return Map.of();
        }
        String base = config.url().get().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/internal/apps/" + app
                + "/redis-credentials")).timeout(config.timeout()).header("Accept", "application/json").GET();
        auth.edgeSecret().ifPresent(secret -> request.header(EdgeSecret.HEADER, secret));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("session-service at " + base + " could not be asked for the app's Redis credentials ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking session-service for the app's Redis credentials");
        }
        if (response.statusCode() == 404) {
            return Map.of();
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("session-service answered HTTP " + response.statusCode()
                    + " when asked for the app's Redis credentials");
        }
        return parse(response.body());
    }

    static Map<String, String> parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode url = json == null ? null : json.get("redisUrl");
            JsonNode prefix = json == null ? null : json.get("sessionKeyPrefix");
            if (url == null || !url.isTextual() || prefix == null || !prefix.isTextual()) {
                throw new Unavailable("session-service's answer lacks redisUrl or sessionKeyPrefix");
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put(REDIS_URL, url.asText());
            env.put(SESSION_KEY_PREFIX, prefix.asText());
            return env;
        } catch (IOException e) {
            throw new Unavailable("session-service's answer is not JSON");
        }
    }
}
