package io.fjord.deploy.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.deploy.app.App;
import io.fjord.deploy.app.Apps;
import io.fjord.deploy.docker.Images;
import io.fjord.platform.api.ApiException;

/**
 * Rollbacks: a new release with the image and config of an earlier one that went live, rolled out with
 * the same switch as a deploy, without a rebuild. Only releases whose image is still kept qualify.
 */
@ApplicationScoped
public class Rollbacks {
    private final Releases releases;
    private final Images images;
    private final DeployLanes lanes;
    private final AfterCommit afterCommit;
    private final int keep;

    Rollbacks(Releases releases, Images images, DeployLanes lanes, AfterCommit afterCommit, DeployConfig config) {
        this.releases = releases;
        this.images = images;
        this.lanes = lanes;
        this.afterCommit = afterCommit;
        this.keep = config.keepReleases();
    }

    /** {@code {"version": N}}: the new release (pending). */
    @Transactional
    public Release rollback(String name, JsonNode body, String actor) {
        JsonNode version = body == null || !body.isObject() ? null : body.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() < 1) {
            throw ApiException.badRequest("a JSON body {\"version\": N} with the release to roll back to is required");
        }
        App app = Apps.lock(name);
        int n = version.asInt();
        Release target = Release.<Release>find("app = ?1 and version = ?2", app, n).firstResult();
        if (target == null) {
            throw ApiException.notFound("app '" + name + "' has no release v" + n);
        }
        if (target.status != ReleaseStatus.LIVE && target.status != ReleaseStatus.RETIRED) {
            throw ApiException.badRequest("v" + n + " never went live (it is " + target.status.label()
                    + "): only releases that went live can be rolled back to");
        }
        if (target.imageRemoved || !images.exists(target.runnableImage())) {
            throw ApiException.badRequest("the image of v" + n + " was pruned (Fjord keeps the images of the last "
                    + keep + " releases): it can no longer be rolled back to");
        }
        Release release = releases.rollback(app, target, actor);
        long id = release.id;
        afterCommit.run(() -> lanes.enqueue(name, id));
        return release;
    }
}
