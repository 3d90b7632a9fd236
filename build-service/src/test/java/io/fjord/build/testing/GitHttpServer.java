package io.fjord.build.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Git's smart HTTP on a loopback port: {@code git http-backend} (CGI) behind the JDK's HTTP server, serving
 * a folder's bare repositories to a client that sends the expected user and token (HTTP basic), as a
 * private repository at a git host does. Counts the requests refused for lack of credentials.
 */
public final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final String expectedAuthorization;
    private final AtomicInteger refused = new AtomicInteger();

    public GitHttpServer(Path root, String user, String token) throws IOException {
        this.root = root;
        this.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token)
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::serve);
        server.start();
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + ".git";
    }

    public int refused() {
        return refused.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
            Map<String, String> env = cgi.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REQUEST_METHOD", exchange.getRequestMethod());
            env.put("PATH_INFO", exchange.getRequestURI().getPath());
            env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? ""
                    : exchange.getRequestURI().getRawQuery());
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            env.put("CONTENT_TYPE", type == null ? "" : type);
            env.put("REMOTE_USER", "token");
            env.put("REMOTE_ADDR", "127.0.0.1");
            String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
            if (protocol != null) {
                env.put("GIT_PROTOCOL", protocol);
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if ("gzip".equals(encoding)) {
                body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
            }
            env.put("CONTENT_LENGTH", Integer.toString(body.length));
            Process process = cgi.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(body);
            }
            byte[] output = process.getInputStream().readAllBytes();
            respond(exchange, output);
        }
    }

    /** CGI output: header lines (Status: among them), a blank line, the body. */
    private static void respond(HttpExchange exchange, byte[] output) throws IOException {
        int split = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int skip = 4;
        if (split < 0) {
            split = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
            skip = 2;
        }
        String head = new String(output, 0, Math.max(split, 0), StandardCharsets.US_ASCII);
        int status = 200;
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(output, split + skip, output.length - split - skip);
        exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
        if (body.size() > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
