package io.fjord.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client over real HTTP, against a small loopback server that answers like the platform's API. */
class ApiHttpTest {
    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private Api api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/apps/shop/config", exchange -> {
            record(exchange);
            reply(exchange, 200, "{\"A\":\"1\"}");
        });
        server.createContext("/api/apps/ghost", exchange -> {
            record(exchange);
            reply(exchange, 404, "{\"error\":\"app \\\"ghost\\\" not found\"}");
        });
        server.createContext("/api/apps/shop", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/api/builds/b1/log", exchange -> {
            record(exchange);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0); // chunked, as a live build log
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("Step 1/2 : FROM scratch\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("Successfully built\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        // The platform's name: the client must reach it on 127.0.0.1 and send the name as Host.
        api = new Api(URI.create("http://api.fjord.localhost:" + server.getAddress().getPort()), "fjord_t0ken");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheRequestAndReadsTheJsonAnswer() {
        JsonNode answer = api.call(Request.patch("/api/apps/shop/config", Json.object().put("A", "1").putNull("OLD")));
        assertEquals("1", answer.get("A").asText());
        assertEquals("PATCH", seen.get("method"));
        assertEquals("Bearer fjord_t0ken", seen.get("authorization"));
        assertEquals("api.fjord.localhost:" + server.getAddress().getPort(), seen.get("host"));
        assertEquals("{\"A\":\"1\",\"OLD\":null}", seen.get("body"));
    }

    @Test
    void answersNullForNoContent() {
        assertNull(api.call(Request.delete("/api/apps/shop")));
        assertEquals("DELETE", seen.get("method"));
    }

    @Test
    void turnsAnErrorAnswerIntoItsMessage() {
        ApiException e = assertThrows(ApiException.class, () -> api.call(Request.get("/api/apps/ghost")));
        assertEquals(404, e.status());
        assertEquals("app \"ghost\" not found", e.getMessage());
    }

    @Test
    void streamsLineByLine() {
        List<String> lines = new ArrayList<>();
        api.stream(Request.get("/api/builds/b1/log"), lines::add);
        assertEquals(List.of("Step 1/2 : FROM scratch", "Successfully built"), lines);
        assertEquals("Bearer fjord_t0ken", seen.get("authorization"));
    }

    @Test
    void streamsAnErrorAsItsMessage() {
        ApiException e = assertThrows(ApiException.class, () -> api.stream(Request.get("/api/apps/ghost"), line -> { }));
        assertEquals("app \"ghost\" not found", e.getMessage());
    }

    private void record(HttpExchange exchange) throws IOException {
        seen.put("method", exchange.getRequestMethod());
        seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        seen.put("host", String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
        seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
