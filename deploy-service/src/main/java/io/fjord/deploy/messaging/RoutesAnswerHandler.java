package io.fjord.deploy.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.deploy.app.AppName;
import io.fjord.deploy.release.AfterCommit;
import io.fjord.deploy.release.DeployLanes;
import io.fjord.deploy.release.Releases;
import io.fjord.deploy.release.RouteWaits;
import io.fjord.deploy.release.Rollout;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutesApplied;
import io.fjord.events.RoutesRejected;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.EventHandler;

/**
 * The proxy's answer to a routes.changed, matched by app and generation. Applied: the release goes live
 * and, once that is committed, the old containers are drained and stopped, and old images pruned. Rejected: the release
 * fails and its new containers go; the old routes never changed. Answers to generations no release
 * waits for go to {@link RouteWaits}, where a scale-down may wait for them (stale ones are dropped there).
 */
@ApplicationScoped
public class RoutesAnswerHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(RoutesAnswerHandler.class);

    private final Releases releases;
    private final Rollout rollout;
    private final DeployLanes lanes;
    private final AfterCommit afterCommit;
    private final RouteWaits routeWaits;

    RoutesAnswerHandler(Releases releases, Rollout rollout, DeployLanes lanes, AfterCommit afterCommit,
            RouteWaits routeWaits) {
        this.releases = releases;
        this.rollout = rollout;
        this.lanes = lanes;
        this.afterCommit = afterCommit;
        this.routeWaits = routeWaits;
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of(RoutingKeys.ROUTES_APPLIED, RoutingKeys.ROUTES_REJECTED);
    }

    @Override
    public void handle(CloudEvent event) {
        if (RoutingKeys.ROUTES_APPLIED.equals(event.routingKey())) {
            RoutesApplied applied = EventJson.data(event, RoutesApplied.class);
            String app = applied.app();
            if (!AppName.isValid(app)) {
                return;
            }
            releases.applied(app, applied.generation()).ifPresentOrElse(live -> {
                LOG.infof("%s v%d is live (routes generation %d)", app, live.version(), applied.generation());
                afterCommit.run(() -> lanes.finish(app, live.releaseId(), () -> rollout.retire(app, live.retired())));
            }, () -> afterCommit.run(() -> routeWaits.answer(app, applied.generation(), true)));
        } else {
            RoutesRejected rejected = EventJson.data(event, RoutesRejected.class);
            String app = rejected.app();
            if (!AppName.isValid(app)) {
                return;
            }
            String why = rejected.reason() == null || rejected.reason().isBlank() ? "no reason given" : rejected.reason();
            releases.rejected(app, rejected.generation(), why).ifPresentOrElse(failed -> {
                LOG.warnf("%s v%d failed: nginx rejected its routes", app, failed.version());
                afterCommit.run(() -> lanes.finish(app, failed.releaseId(), () -> rollout.removeRelease(app, failed.version())));
            }, () -> afterCommit.run(() -> routeWaits.answer(app, rejected.generation(), false)));
        }
    }
}
