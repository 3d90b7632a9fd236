package io.fjord.build.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for deploy-service's {@code GET /internal/apps/{app}/build-config} (port 18092 in tests): the
 * build-time config vars set here per app, 404 for apps it was told nothing about, and a status of choice.
 */
public final class BuildConfigStub implements AutoCloseable {
    public static final int PORT = 18092;
    private static final Pattern PATH = Pattern.compile("^/internal/apps/([a-z0-9-]+)/build-config$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Map<String, String>> vars = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    public BuildConfigStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 16);
        server.createContext("/internal/apps/", this::answer);
        server.start();
    }

    public void vars(String app, Map<String, String> values) {
        vars.put(app, values);
    }

    /** Answers this status, with an empty body, for the app. */
    public void status(String app, int status) {
        statuses.put(app, status);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
            String app = matcher.matches() ? matcher.group(1) : null;
            if (app != null && statuses.containsKey(app)) {
                exchange.sendResponseHeaders(statuses.get(app), -1);
            } else if (app == null || !vars.containsKey(app)) {
                send(exchange, 404, "{\"error\":\"no app\"}");
            } else {
                send(exchange, 200, JSON.writeValueAsString(vars.get(app)));
            }
        }
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
