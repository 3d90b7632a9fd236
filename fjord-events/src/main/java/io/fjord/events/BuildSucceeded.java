package io.fjord.events;

import java.util.Map;

/**
 * An image is ready. {@code processes} is the Procfile (type to command), empty when the source has
 * none; {@code exposedPort} is the first {@code EXPOSE} of the image, or null.
 */
public record BuildSucceeded(String app, long buildId, String image, String imageId, String commit,
        Map<String, String> processes, Integer exposedPort) {
}
