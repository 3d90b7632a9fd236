package io.fjord.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.CliException;
import io.fjord.cli.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The one client of the platform's REST API: sends a {@link Request} with the bearer token, maps failures. */
public final class Api {
    static {
        // *.localhost names (api.fjord.localhost) are loopback by RFC 6761, as curl and browsers treat them, but
        // the resolver of a plain Debian host does not know them: the client connects to 127.0.0.1 and sends the
        // name in the Host header itself, which java.net.http allows only with this property.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Destroying an app stops its containers: give the API time before calling it unreachable. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final String token;
    private final HttpClient http;

    public Api(URI base, String token) {
        this.base = base;
        this.token = token;
        // HTTP/1.1 as the edge speaks it: no h2c upgrade offer on each request.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI base() {
        return base;
    }

    /**
     * Sends the request and answers the JSON body, or null when the answer has none (204). Redirects are not
     * followed (they would drop the token or turn a PUT into a GET): a 3xx is an error like a 4xx.
     */
    public JsonNode call(Request request) {
        HttpResponse<String> response = send(toHttp(request, ANSWER_TIMEOUT, "application/json"), BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw error(request, response.statusCode(), response.body());
        }
        return Json.parseOrNull(response.body());
    }

    /** Sends the request and hands each line of the answer to the sink as it arrives (logs, build logs). */
    public void stream(Request request, Consumer<String> sink) {
        HttpResponse<Stream<String>> response = send(toHttp(request, null, "*/*"), BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() >= 300) {
                throw error(request, response.statusCode(), lines.collect(Collectors.joining("\n")));
            }
            lines.forEach(sink);
        } catch (UncheckedIOException e) {
            throw unreachable(e.getCause());
        }
    }

    /** The HTTP request for a {@link Request}; a null timeout means none (streams run as long as they run). */
    HttpRequest toHttp(Request request, Duration timeout, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target(base, request.path()))
                .header("Authorization", "Bearer " + token)
                .header("Accept", accept)
                .header("User-Agent", "fjord-cli");
        if (isLocalhostName(base.getHost())) {
            builder.header("Host", base.getRawAuthority());
        }
        if (timeout != null) {
            builder.timeout(timeout);
        }
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(Json.compact(request.body())));
        }
        return builder.build();
    }

    /** Where the request goes: the API's base URL and the path, with a *.localhost host replaced by 127.0.0.1. */
    static URI target(URI base, String path) {
        String root = base.toString().replaceAll("/+$", "");
        if (isLocalhostName(base.getHost())) {
            String port = base.getPort() < 0 ? "" : ":" + base.getPort();
            String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
            root = base.getScheme() + "://127.0.0.1" + port + basePath;
        }
        return URI.create(root + path);
    }

    static boolean isLocalhostName(String host) {
        return host != null && (host.equals("localhost") || host.endsWith(".localhost"));
    }

    /** The API's own error text when it sent {@code {"error": ...}}, else the status; 401 adds what to do. */
    static ApiException error(Request request, int status, String body) {
        JsonNode json = Json.parseOrNull(body);
        String message = json != null && json.path("error").isTextual()
                ? json.get("error").asText()
                : request.method() + " " + request.path() + " answered HTTP " + status;
        if (status == 401) {
            message += "; log in again with `fjord login`";
        }
        return new ApiException(status, message);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private CliException unreachable(Throwable cause) {
        return new CliException("cannot reach the API at " + base + ": " + reason(cause), ExitCodes.UNREACHABLE);
    }

    static String reason(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
        }
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
