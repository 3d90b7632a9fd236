package io.fjord.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Against a real HTTP server on loopback. */
class HealthCheckTest {
    private static final Instant FAR = Instant.now().plusSeconds(60);

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int serve(int... statuses) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/up", exchange -> {
            int call = calls.getAndIncrement();
            exchange.sendResponseHeaders(statuses[Math.min(call, statuses.length - 1)], -1);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static HealthCheck check(int attempts) {
        return new HealthCheck(new HealthCheck.Settings("/up", attempts, Duration.ofMillis(10), Duration.ofSeconds(1)));
    }

    @Test
    void healthyOnceItAnswers2xx() throws Exception {
        int port = serve(503, 404, 204);

        HealthCheck.Result result = check(5).await("127.0.0.1", port, Optional::empty, FAR);

        assertTrue(result.healthy());
        assertEquals(3, calls.get());
    }

    @Test
    void failsAfterTheAttemptsWithTheLastAnswer() throws Exception {
        int port = serve(404);

        HealthCheck.Result result = check(3).await("127.0.0.1", port, Optional::empty, FAR);

        assertFalse(result.healthy());
        assertEquals("health check GET /up did not answer 2xx after 3 attempts: last answer HTTP 404", result.reason());
        assertEquals(3, calls.get());
    }

    @Test
    void saysWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        HealthCheck.Result result = check(2).await("127.0.0.1", port, Optional::empty, FAR);

        assertEquals("health check GET /up did not answer 2xx after 2 attempts: connection refused", result.reason());
    }

    @Test
    void stopsAtOnceWhenTheContainerExits() throws Exception {
        int port = serve(503);

        HealthCheck.Result result = check(30).await("127.0.0.1", port,
                () -> calls.get() >= 2 ? Optional.of("container exited with code 1") : Optional.empty(), FAR);

        assertEquals("container exited with code 1", result.reason());
        assertEquals(2, calls.get());
    }

    @Test
    void stopsAtTheDeadline() throws Exception {
        int port = serve(503);

        HealthCheck.Result result = check(30).await("127.0.0.1", port, Optional::empty, Instant.now().minusSeconds(1));

        assertFalse(result.healthy());
        assertTrue(result.reason().startsWith("the deploy ran out of time during the health check"), result.reason());
        assertEquals(0, calls.get());
    }
}
