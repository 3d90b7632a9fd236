package io.fjord.build.builds;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.fjord.build.app.App;
import io.fjord.events.BuildFailed;
import io.fjord.events.BuildSucceeded;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.Outbox;

/** The build rows' state changes, each committed together with the event that announces it. */
@ApplicationScoped
public class BuildRecords {
    private final Outbox outbox;

    BuildRecords(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Joins the caller's transaction, so a webhook delivery and its build are recorded together. */
    @Transactional
    public Build create(String app, String commit) {
        Build build = new Build();
        build.app = app;
        build.commit = commit;
        build.status = BuildStatus.QUEUED;
        build.processes = Map.of();
        build.createdAt = now();
        build.persist();
        return build;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void start(long id) {
        Build build = Build.findById(id);
        build.status = BuildStatus.BUILDING;
        build.startedAt = now();
    }

    /**
     * Marks the build succeeded and emits build.succeeded. Returns false, changing nothing, when the app
     * was destroyed while it built: its image must not outlive it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean succeed(long id, String image, String imageId, Integer exposedPort, Map<String, String> processes) {
        Build build = Build.findById(id);
        if (!App.exists(build.app)) {
            return false;
        }
        build.status = BuildStatus.SUCCEEDED;
        build.image = image;
        build.imageId = imageId;
        build.exposedPort = exposedPort;
        build.processes = processes;
        build.finishedAt = now();
        outbox.emit(RoutingKeys.BUILD_SUCCEEDED, build.app, new BuildSucceeded(build.app, id, image, imageId,
                build.commit, processes, exposedPort));
        return true;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(long id, String reason) {
        end(Build.findById(id), BuildStatus.FAILED, reason);
    }

    /**
     * Marks the build cancelled. Consumers learn of it as build.failed with the reason: for them it is a
     * build that produced no image.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void cancel(long id, String reason) {
        end(Build.findById(id), BuildStatus.CANCELLED, reason);
    }

    /** Builds still queued or building when the service starts died with the previous process. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> failUnfinished(String reason) {
        List<Build> unfinished = Build.list("status in ?1", List.of(BuildStatus.QUEUED, BuildStatus.BUILDING));
        unfinished.forEach(build -> end(build, BuildStatus.FAILED, reason));
        return unfinished.stream().map(build -> build.id).toList();
    }

    private void end(Build build, BuildStatus status, String reason) {
        build.status = status;
        build.error = reason;
        build.finishedAt = now();
        outbox.emit(RoutingKeys.BUILD_FAILED, build.app, new BuildFailed(build.app, build.id, build.commit, reason));
    }

    /** As the columns keep it, so an answer shows what a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
