package io.fjord.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;

import io.fjord.deploy.docker.Labels;

/**
 * What the deploy tests need from the Docker engine: test app images built like build-service builds
 * them (FROM scratch with a static busybox serving {@code www/} on {@code $PORT}), container look-ups,
 * plain HTTP to a container, and the clean-up of everything a test app left.
 */
public final class TestDocker {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private TestDocker() {
    }

    public static String randomName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Builds {@code fjord/<app>:<buildId>} serving {@code page}; with {@code healthy} false its
     * {@code www} has no {@code up} file, so {@code GET /up} answers 404. Returns the image id.
     */
    public static String buildImage(DockerClient docker, String app, long buildId, String page, boolean healthy)
            throws IOException {
        return buildImage(docker, app, buildId, page, healthy, Map.of());
    }

    /**
     * The same with more files in the image ({@code /app.json}, {@code /www/cgi-bin/<script>}: path to
     * content). Files under {@code www/cgi-bin/} are executable CGI scripts for busybox httpd; they find
     * busybox's applets at {@code /bin/busybox <applet>}.
     */
    public static String buildImage(DockerClient docker, String app, long buildId, String page, boolean healthy,
            Map<String, String> files) throws IOException {
        Path dir = Files.createTempDirectory("fjord-test-app");
        try {
            Files.copy(Paths.get("/bin/busybox"), dir.resolve("busybox"));
            Files.createDirectories(dir.resolve("www"));
            Files.writeString(dir.resolve("www/index.html"), page + "\n");
            if (healthy) {
                Files.writeString(dir.resolve("www/up"), "ok\n");
            }
            Files.createDirectories(dir.resolve("root"));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve("root").resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
                if (file.getKey().startsWith("www/cgi-bin/")) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            // /bin/sh as well, so a Procfile command (run through /bin/sh -c) works in this image.
            Files.writeString(dir.resolve("Dockerfile"), """
                    FROM scratch
                    COPY busybox /bin/busybox
                    COPY busybox /bin/sh
                    COPY www /www
                    """ + (files.isEmpty() ? "" : "COPY root/ /\n") + """
                    CMD ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p $PORT -h /www"]
                    """);
            return docker.buildImageCmd(dir.toFile())
                    .withTags(Set.of(tag(app, buildId)))
                    .withLabels(Map.of(Labels.MANAGED, "true", Labels.APP, app, "io.fjord.build", Long.toString(buildId)))
                    .withPull(false)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId();
        } finally {
            try (Stream<Path> made = Files.walk(dir)) {
                made.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static String tag(String app, long buildId) {
        return "fjord/" + app + ":" + buildId;
    }

    public static List<String> containers(DockerClient docker, Map<String, String> labels) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream().map(c -> c.getId()).toList();
    }

    public static boolean running(DockerClient docker, String id) {
        try {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** GET http://host:port/ and the body; throws when nothing answers 200. */
    public static String page(String host, int port) throws IOException, InterruptedException {
        return page(host, port, "/");
    }

    public static String page(String host, int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + host + ":" + port);
        }
        return response.body().strip();
    }

    /** Polls until the condition holds; fails after {@code timeout}. */
    public static void eventually(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Removes every container and image of a test app, and the test network once nothing uses it. */
    public static void cleanUp(DockerClient docker, String app, String network) {
        for (String id : containers(docker, Labels.ofApp(app))) {
            try {
                docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
        List<Image> images = docker.listImagesCmd().withLabelFilter(Map.of(Labels.APP, app)).exec();
        for (Image image : images) {
            try {
                docker.removeImageCmd(image.getId()).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed with another tag
            } catch (InternalServerErrorException raced) {
                // Removed meanwhile by the service's own pruning: the engine then says "unrecognized image ID".
                if (raced.getMessage() == null || !raced.getMessage().contains("unrecognized image")) {
                    throw raced;
                }
            }
        }
        try {
            if (docker.inspectNetworkCmd().withNetworkId(network).exec().getContainers().isEmpty()) {
                docker.removeNetworkCmd(network).exec();
            }
        } catch (NotFoundException gone) {
            // never made, or removed by another test class
        }
    }
}
