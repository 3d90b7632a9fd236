package io.fjord.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a script sees it: exit codes, stdout, one-line errors on stderr. The API here is a small
 * loopback server answering like the platform's; the CLI against the real platform is the end-to-end test.
 */
class MainTest {
    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void isolate() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/apps", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/apps") && exchange.getRequestMethod().equals("GET")) {
                reply(exchange, 200, "[{\"name\":\"shop\"}]");
            } else if (path.equals("/api/apps") && body.contains("\"taken\"")) {
                reply(exchange, 409, "{\"error\":\"app \\\"taken\\\" already exists\"}");
            } else if (path.equals("/api/apps")) {
                reply(exchange, 201, "{\"name\":\"shop\"}");
            } else {
                reply(exchange, 404, "{\"error\":\"app \\\"ghost\\\" not found\"}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Runs the CLI with HOME in a temporary directory, where the saved login goes. */
    private int fjord(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of("HOME", home.toString()));
    }

    private String api() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void logsInThenDrivesTheApiWithTheSavedToken() {
        assertEquals(0, fjord("login", "--api", api(), "--token", "fjord_t1"));
        assertTrue(out.toString().startsWith("Logged in to " + api()), out.toString());
        assertTrue(Files.isRegularFile(home.resolve(".config/fjord/config.json")));

        assertEquals(0, fjord("apps:create", "shop"));
        assertTrue(requests.contains("POST /api/apps {\"name\":\"shop\"} Bearer fjord_t1"), requests.toString());
        assertTrue(out.toString().contains("Created shop\n"), out.toString());

        assertEquals(0, fjord("apps", "--json"));
        assertTrue(out.toString().contains("[ {\n  \"name\" : \"shop\"\n} ]"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void apiErrorsAreOneLineAndExit1() {
        fjord("login", "--api", api(), "--token", "t");
        assertEquals(1, fjord("apps:info", "ghost"));
        assertEquals("fjord: app \"ghost\" not found\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(1, fjord("apps:create", "taken"));
        assertEquals("fjord: app \"taken\" already exists\n", err.toString());
    }

    @Test
    void anUnreachableApiExits3AndSavesNothing() {
        assertEquals(3, fjord("login", "--api", "http://127.0.0.1:9", "--token", "t"));
        assertEquals("fjord: cannot reach the API at http://127.0.0.1:9: connection refused\n", err.toString());
        assertFalse(Files.exists(home.resolve(".config/fjord/config.json")));
    }

    @Test
    void withoutALoginCommandsExit1() {
        assertEquals(1, fjord("apps"));
        assertEquals("fjord: not logged in: run `fjord login` (or set FJORD_API_TOKEN)\n", err.toString());
    }

    @Test
    void usageErrorsExit2BeforeAnyCall() {
        assertEquals(2, fjord("ps:scale", "web=lots", "-a", "shop"));
        assertTrue(err.toString().startsWith("fjord: Invalid value"), err.toString());
        assertTrue(err.toString().contains("Usage: fjord ps:scale"), err.toString());
        assertEquals(2, fjord("apps:crate", "shop"));
        assertTrue(err.toString().contains("Did you mean: fjord apps:create"), err.toString());
        assertEquals(2, fjord("rollback", "-a", "shop"));
        assertTrue(requests.isEmpty());
    }

    @Test
    void destroyWithoutConfirmationDestroysNothing() {
        fjord("login", "--api", api(), "--token", "t");
        requests.clear();
        assertEquals(1, fjord("apps:destroy", "shop", "--confirm", "shopp"));
        assertEquals("fjord: confirmation \"shopp\" does not match shop: nothing destroyed\n", err.toString());
        assertTrue(requests.isEmpty());
    }

    @Test
    void theEnvironmentsTokenAndAppNeedNoLogin() {
        int code = Main.run(new String[] {"apps:info"}, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("HOME", home.toString(), "FJORD_API", api(), "FJORD_API_TOKEN", "ci-token", "FJORD_APP", "ghost"));
        assertEquals(1, code);
        assertEquals("fjord: app \"ghost\" not found\n", err.toString());
        assertTrue(requests.contains("GET /api/apps/ghost  Bearer ci-token"), requests.toString());
    }

    @Test
    void helpAndVersionExit0() {
        assertEquals(0, fjord("--help"));
        assertTrue(out.toString().contains("apps:create"));
        assertEquals(0, fjord("logs", "--help"));
        assertTrue(out.toString().contains("Usage: fjord logs"), out.toString());
        assertEquals(0, fjord("--version"));
        assertTrue(out.toString().contains("fjord "));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }
}
