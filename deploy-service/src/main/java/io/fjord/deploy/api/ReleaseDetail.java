package io.fjord.deploy.api;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.fjord.deploy.release.Release;

/** One release in full, with the last output of its container when it failed. */
public record ReleaseDetail(int version, String kind, String description, Long buildId, String commit, String image,
        int configVersion, String status, String reason, String log, int port, Map<String, String> processes,
        String actor, boolean rollbackable, Instant createdAt, Instant finishedAt) {

    static ReleaseDetail of(Release release) {
        return new ReleaseDetail(release.version, release.kind.name().toLowerCase(Locale.ROOT),
                release.description, release.buildId, release.commit, release.image, release.configVersion,
                release.status.label(), release.reason, release.log, release.port, release.processes, release.actor,
                release.rollbackable(), release.createdAt, release.finishedAt);
    }
}
