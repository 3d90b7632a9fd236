package io.fjord.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's raw HTTP over real loopback TCP and a real unix socket, as it talks to Quarkus and Docker. */
class SocketsTest {
    @TempDir
    Path tmp;

    @Test
    void readsAHealthAnswerOverTcp() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"bus\",\"status\":\"DOWN\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Verdict v = Services.verdict("proxy-config-service", port, RawHttp.tcpGet(port, "/q/health/ready", "127.0.0.1"));
            assertEquals(Level.FAIL, v.level());
            assertEquals("down: bus; its log: /var/log/fjord/proxy-config-service.log", v.detail());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void talksHttpOverAUnixSocket() throws Exception {
        Path socket = tmp.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread engine = new Thread(() -> answer(server, "HTTP/1.0 200 OK\r\nApi-Version: 1.41\r\n\r\n{\"Driver\":\"overlay2\"}"));
            engine.start();
            JsonNode info = new DockerEngine(socket).info().orElseThrow();
            engine.join(5000);
            assertEquals("overlay2", info.get("Driver").asText());
        }
    }

    @Test
    void aHungEngineGivesUpAfterTheTimeout() throws Exception {
        Path socket = tmp.resolve("hung.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThrows(SocketTimeoutException.class, () -> RawHttp.unixGet(socket, "/_ping"));
        }
    }

    @Test
    void aMissingSocketIsAFail() {
        Verdict v = new DockerEngine(tmp.resolve("none.sock")).ping();
        assertEquals(Level.FAIL, v.level());
        assertEquals("no answer", v.figure());
    }

    /** Reads the request, then writes the canned reply and closes, as an HTTP/1.0 server does. */
    private static void answer(ServerSocketChannel server, String reply) {
        try (SocketChannel client = server.accept()) {
            client.read(ByteBuffer.allocate(4096));
            client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
