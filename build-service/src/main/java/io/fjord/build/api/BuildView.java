package io.fjord.build.api;

import java.time.Instant;
import java.util.Map;

import io.fjord.build.builds.Build;

/** A build as the API shows it. */
public record BuildView(long id, String app, String status, String commit, String image, String imageId,
        Integer exposedPort, Map<String, String> processes, String error, Instant createdAt, Instant startedAt,
        Instant finishedAt) {

    static BuildView of(Build build) {
        return new BuildView(build.id, build.app, build.status.label(), build.commit, build.image, build.imageId,
                build.exposedPort, build.processes, build.error, build.createdAt, build.startedAt, build.finishedAt);
    }
}
