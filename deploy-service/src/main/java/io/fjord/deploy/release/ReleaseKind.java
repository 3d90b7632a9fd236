package io.fjord.deploy.release;

/**
 * Where a release comes from: a new image (BUILD), an earlier release's image and config (ROLLBACK), or
 * the live release's image with changed config vars (CONFIG, which takes the image that is live when it
 * starts, so it never brings back older code).
 */
public enum ReleaseKind {
    BUILD, ROLLBACK, CONFIG
}
