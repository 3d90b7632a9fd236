package io.fjord.deploy.messaging;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.deploy.app.App;
import io.fjord.deploy.app.AppName;
import io.fjord.deploy.release.AfterCommit;
import io.fjord.deploy.release.DeployLanes;
import io.fjord.deploy.release.Release;
import io.fjord.deploy.release.Releases;
import io.fjord.events.BuildSucceeded;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.EventHandler;

/**
 * A new image: release vN+1 is recorded here, quickly, and supersedes older releases still waiting for
 * their turn; its rollout runs on the app's lane after commit.
 */
@ApplicationScoped
public class BuildSucceededHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(BuildSucceededHandler.class);

    private final Releases releases;
    private final DeployLanes lanes;
    private final AfterCommit afterCommit;

    BuildSucceededHandler(Releases releases, DeployLanes lanes, AfterCommit afterCommit) {
        this.releases = releases;
        this.lanes = lanes;
        this.afterCommit = afterCommit;
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of(RoutingKeys.BUILD_SUCCEEDED);
    }

    @Override
    public void handle(CloudEvent event) {
        BuildSucceeded build = EventJson.data(event, BuildSucceeded.class);
        if (!AppName.isValid(build.app()) || build.image() == null || build.image().isBlank()) {
            LOG.debugf("build.succeeded %s names no valid app or image; ignored", event.id());
            return;
        }
        App app = App.lock(build.app());
        if (app == null) {
            LOG.debugf("build.succeeded for unknown app %s; ignored", build.app());
            return;
        }
        if (releases.released(app, build.buildId())) {
            LOG.debugf("build %d of %s is released already; ignored", build.buildId(), build.app());
            return;
        }
        Release release = releases.create(app, build);
        String name = app.name;
        long releaseId = release.id;
        LOG.infof("%s v%d created from build %d", name, release.version, build.buildId());
        List<Integer> superseded = releases.supersede(app, release);
        if (!superseded.isEmpty()) {
            LOG.infof("%s: v%s superseded by v%d before they started", name, superseded, release.version);
        }
        afterCommit.run(() -> lanes.enqueue(name, releaseId));
    }
}
