package io.fjord.build.docker;

/** How a Docker build ended: an image id, or the error Docker (or the wait for it) reported. */
public record ImageBuild(String imageId, String error) {

    static ImageBuild built(String imageId) {
        return new ImageBuild(imageId, null);
    }

    static ImageBuild failed(String error) {
        return new ImageBuild(null, error);
    }

    public boolean succeeded() {
        return imageId != null;
    }
}
