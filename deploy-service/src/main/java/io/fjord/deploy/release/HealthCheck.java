package io.fjord.deploy.release;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP check a new container must pass before it gets traffic: {@code GET <path>} until it answers
 * 2xx. It gives up after the attempts, as soon as the container stops, or at the deploy's deadline.
 */
public final class HealthCheck {

    /** {@code initialDelay} before the first attempt; {@code content}, when set, must be in the body. */
    public record Settings(String path, int attempts, Duration interval, Duration timeout, Duration initialDelay,
            String content) {
        public Settings(String path, int attempts, Duration interval, Duration timeout) {
            this(path, attempts, interval, timeout, Duration.ZERO, null);
        }
    }

    /** {@code reason} says why it failed; null when healthy. */
    public record Result(boolean healthy, String reason) {
        static Result ok() {
            return new Result(true, null);
        }

        static Result failed(String reason) {
            return new Result(false, reason);
        }
    }

    private final Settings settings;
    private final HttpClient http;

    public HealthCheck(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param stopped why the container is no longer running, or empty while it runs
     * @throws InterruptedException when the service shuts down meanwhile
     */
    public Result await(String host, int port, Supplier<Optional<String>> stopped, Instant deadline)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + settings.path()))
                .timeout(settings.timeout())
                .GET()
                .build();
        String last = "no attempt made";
        if (!settings.initialDelay().isZero()) {
            Thread.sleep(Math.max(0, Math.min(settings.initialDelay().toMillis(),
                    Duration.between(Instant.now(), deadline).toMillis())));
        }
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            Optional<String> exited = stopped.get();
            if (exited.isPresent()) {
                return Result.failed(exited.get());
            }
            if (Instant.now().isAfter(deadline)) {
                return Result.failed("the deploy ran out of time during the health check; " + last);
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300 && (settings.content() == null || response.body().contains(settings.content()))) {
                    return Result.ok();
                }
                last = status >= 200 && status < 300 ? "the answer does not contain the expected content"
                        : "last answer HTTP " + status;
            } catch (HttpTimeoutException e) {
                last = "no answer within " + human(settings.timeout());
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (attempt < settings.attempts()) {
                Thread.sleep(settings.interval().toMillis());
            }
        }
        // A container that died during the last attempt says more than "connection refused".
        Optional<String> exited = stopped.get();
        if (exited.isPresent()) {
            return Result.failed(exited.get());
        }
        return Result.failed("health check GET " + settings.path() + " did not answer 2xx after "
                + settings.attempts() + " attempts: " + last);
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
