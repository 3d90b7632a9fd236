package io.fjord.proxy.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback standing in for a web container: answers {@code hello from <name>}
 * and remembers what nginx sent, and from which connections.
 */
final class Backend implements AutoCloseable {
    private final HttpServer server;
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private volatile Headers lastHeaders;

    private Backend(String name) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = ("hello from " + name).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            lastHeaders = exchange.getRequestHeaders();
            connections.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static Backend start(String name) {
        try {
            return new Backend(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    Headers lastHeaders() {
        return lastHeaders;
    }

    /** The client ports nginx connected from: fewer than requests means connections were reused. */
    Set<Integer> connections() {
        return Set.copyOf(connections);
    }

    void forgetConnections() {
        connections.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
