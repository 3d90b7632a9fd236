package io.fjord.build.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.InternetProtocol;

/** Builds images from a tar.gz context with the engine's builder, streaming its output as it comes. */
@ApplicationScoped
public class ImageBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient docker;

    ImageBuilder(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Builds {@code spec.context()} as {@code spec.tag()}. Intermediate containers are always removed, and
     * nothing is tagged unless the build succeeds. Docker's text goes to {@code output} in the pieces it
     * arrives in; an error is returned, not written there. {@code started} receives, once the engine has a
     * request, what stops the build when closed: the engine cancels a build whose client went away, and
     * this method then returns a failure.
     * <p>
     * The labels come in a second build of one {@code LABEL} step on top of the first one's image: the
     * classic builder turns each label given to it into a step of its own (six steps, half a second per
     * build here), and the user's steps stay exactly as cacheable as without labels.
     */
    public ImageBuild build(BuildSpec spec, Consumer<String> output, Consumer<Closeable> started) {
        ImageBuild steps;
        try (InputStream tar = Files.newInputStream(spec.context())) {
            steps = run(tar, null, spec.buildArgs(), spec.memoryBytes(), output, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!steps.succeeded()) {
            return steps;
        }
        // Only "Successfully tagged ..." of the second build is the user's business; its steps are ours.
        Consumer<String> tagged = text -> {
            if (text.startsWith("Successfully tagged")) {
                output.accept(text);
            }
        };
        ImageBuild labelled = run(new ByteArrayInputStream(labelContext(steps.imageId(), spec.labels())), spec.tag(),
                Map.of(), spec.memoryBytes(), tagged, started);
        if (!labelled.succeeded()) {
            removeUnused(steps.imageId());
        }
        return labelled;
    }

    private ImageBuild run(InputStream tar, String tag, Map<String, String> buildArgs, long memoryBytes,
            Consumer<String> output, Consumer<Closeable> started) {
        Callback callback = new Callback(output);
        try {
            BuildImageCmd command = docker.buildImageCmd()
                    .withTarInputStream(tar)
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)
                    // memswap equal to memory: no swap on top, so a build cannot thrash the host's disk.
                    .withMemory(memoryBytes)
                    .withMemswap(memoryBytes);
            if (tag != null) {
                command.withTags(Set.of(tag));
            }
            buildArgs.forEach(command::withBuildArg);
            command.exec(callback);
            started.accept(callback::stop);
            callback.awaitCompletion();
            if (callback.stopped) {
                return ImageBuild.failed("the build was stopped");
            }
            if (callback.failure != null) {
                // The engine refused the request, e.g. "dockerfile parse error line 2: unknown instruction: FOO".
                return ImageBuild.failed(engineMessage(callback.failure));
            }
            return ImageBuild.built(callback.awaitImageId());
        } catch (DockerClientException e) {
            // awaitImageId: the build ended with an error item; that item holds Docker's words.
            return ImageBuild.failed(callback.error != null ? callback.error : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ImageBuild.failed("the build was interrupted: the service is stopping");
        }
    }

    /** A context of one Dockerfile: {@code FROM <image>} and a single LABEL step with all the labels. */
    static byte[] labelContext(String imageId, Map<String, String> labels) {
        StringBuilder dockerfile = new StringBuilder("FROM ").append(imageId).append("\nLABEL");
        labels.forEach((key, value) -> dockerfile.append(' ').append(quoted(key)).append('=').append(quoted(value)));
        byte[] text = dockerfile.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
            entry.setSize(text.length);
            out.putArchiveEntry(entry);
            out.write(text);
            out.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A Dockerfile string: backslash, quote and {@code $} (which would expand) escaped, no control characters. */
    static String quoted(String value) {
        return '"' + value.replaceAll("[\\x00-\\x1f\\x7f]", "").replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("$", "\\$") + '"';
    }

    /** The unlabelled image of a build that failed at its labels; one still in use stays. */
    private void removeUnused(String imageId) {
        try {
            docker.removeImageCmd(imageId).withForce(false).exec();
        } catch (RuntimeException inUseOrGone) {
            // a parent of other images, or removed already
        }
    }

    /**
     * The image's full id and the lowest TCP port it EXPOSEs, or null (the engine keeps exposed ports as
     * an unordered set, so the Dockerfile's order is lost).
     */
    public BuiltImage inspect(String imageId) {
        InspectImageResponse image = docker.inspectImageCmd(imageId).exec();
        ExposedPort[] ports = image.getConfig() == null ? null : image.getConfig().getExposedPorts();
        Integer port = ports == null ? null : Arrays.stream(ports)
                .filter(exposed -> exposed.getProtocol() == InternetProtocol.TCP)
                .map(ExposedPort::getPort)
                .min(Comparator.naturalOrder())
                .orElse(null);
        return new BuiltImage(image.getId(), port);
    }

    /** The engine answers errors as {@code {"message": "..."}}; docker-java wraps that in its own text. */
    static String engineMessage(Throwable e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        int json = text.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode message = JSON.readTree(text.substring(json)).get("message");
                if (message != null && message.isTextual()) {
                    return message.asText();
                }
            } catch (IOException notJson) {
                // fall through to the text as it is
            }
        }
        return text.strip();
    }

    private static final class Callback extends BuildImageResultCallback {
        private final Consumer<String> output;
        private volatile String error;
        private volatile Throwable failure;
        private volatile boolean stopped;

        Callback(Consumer<String> output) {
            this.output = output;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            super.onNext(item); // records the image id and errors for awaitImageId
            if (item.getStream() != null) {
                output.accept(item.getStream());
            }
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage()
                        : item.getError();
            }
        }

        /** A refused build is the user's error, not ours: kept for the result instead of logged as an error. */
        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            try {
                super.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Called from outside to stop the build: closing the response stream makes the engine cancel it. */
        void stop() throws IOException {
            stopped = true;
            close();
        }
    }
}
