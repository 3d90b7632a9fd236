package io.fjord.build.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for deploy-service's {@code GET /api/apps/{app}/releases}, which the pre-receive hook polls
 * (another Fjord service, not a backing service). It releases the app's newest succeeded build, taken from
 * build-service's own API; what the release does is set per app.
 */
public final class ReleasesStub implements AutoCloseable {
    public enum Outcome {
        /** "starting" on the first poll, "live" after. */
        LIVE,
        /** "failed" with a reason. */
        FAILED,
        /** No release ever appears. */
        NONE
    }

    public static final String FAILURE_REASON = "health check failed: GET /up answered 500";
    private static final Pattern PATH = Pattern.compile("^/api/apps/([a-z0-9-]+)/releases$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String buildService;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    public ReleasesStub(int port, String buildService) throws IOException {
        this.buildService = buildService;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/api/apps/", this::answer);
        server.start();
    }

    public void outcome(String app, Outcome outcome) {
        outcomes.put(app, outcome);
        polls.remove(app);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
            if (!matcher.matches()) {
                send(exchange, 404, "{\"error\":\"no such path\"}");
                return;
            }
            String app = matcher.group(1);
            JsonNode build = newestSucceededBuild(app);
            Outcome outcome = outcomes.getOrDefault(app, Outcome.NONE);
            if (build == null || outcome == Outcome.NONE) {
                send(exchange, 200, "[]");
                return;
            }
            int poll = polls.computeIfAbsent(app, key -> new AtomicInteger()).incrementAndGet();
            String status = outcome == Outcome.FAILED ? "failed" : poll == 1 ? "starting" : "live";
            String reason = outcome == Outcome.FAILED ? JSON.writeValueAsString(FAILURE_REASON) : "null";
            // An older, retired release first, as deploy-service lists newest first: the hook must pick by buildId.
            send(exchange, 200, "[{\"version\":2,\"buildId\":" + build.get("id").asLong() + ",\"image\":"
                    + JSON.writeValueAsString(build.get("image").asText()) + ",\"status\":\"" + status
                    + "\",\"reason\":" + reason + ",\"createdAt\":null,\"finishedAt\":null},"
                    + "{\"version\":1,\"buildId\":0,\"image\":\"fjord/x:0\",\"status\":\"retired\",\"reason\":null,"
                    + "\"createdAt\":null,\"finishedAt\":null}]");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode newestSucceededBuild(String app) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create(buildService + "/api/apps/" + app + "/builds?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null;
        }
        JsonNode builds = JSON.readTree(response.body());
        return builds.size() == 1 && "succeeded".equals(builds.get(0).get("status").asText()) ? builds.get(0) : null;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
