package io.fjord.build.docker;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to build: the context (a tar or tar.gz with a Dockerfile at its root), the tag, the image's labels,
 * the build args (values are secrets to the log: never print them) and the memory of the build containers.
 */
public record BuildSpec(Path context, String tag, Map<String, String> labels, Map<String, String> buildArgs,
        long memoryBytes) {
}
