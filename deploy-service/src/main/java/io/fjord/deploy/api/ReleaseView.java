package io.fjord.deploy.api;

import java.time.Instant;
import java.util.Locale;

import io.fjord.deploy.release.Release;

/**
 * One line of an app's release history: what ran (image, build, config version), how it ended, who asked
 * for it ({@code actor}: the user the edge named, {@code build} for pushes) and when. {@code kind}: build,
 * rollback or config; {@code rollbackable}: it went live and its image is still kept.
 */
public record ReleaseView(int version, String kind, String description, Long buildId, String image, int configVersion,
        String status, String reason, String actor, boolean rollbackable, Instant createdAt, Instant finishedAt) {

    static ReleaseView of(Release release) {
        return new ReleaseView(release.version, release.kind.name().toLowerCase(Locale.ROOT),
                release.description, release.buildId, release.image, release.configVersion, release.status.label(),
                release.reason, release.actor, release.rollbackable(), release.createdAt, release.finishedAt);
    }
}
