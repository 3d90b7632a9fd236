package io.fjord.deploy.release;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.deploy.docker.Containers;
import io.fjord.deploy.docker.DockerErrors;
import io.quarkus.scheduler.Scheduled;

/**
 * Compares, on start and periodically, the containers found by label with the records: containers of
 * apps that no longer exist are removed here; each known app is brought to its live release's formation
 * by {@link Reconciler} on its own lane, behind any deploy under way.
 */
@ApplicationScoped
public class Reconciliation {
    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final Releases releases;
    private final Containers containers;
    private final DeployLanes lanes;
    private final DeployConfig config;

    Reconciliation(Releases releases, Containers containers, DeployLanes lanes, DeployConfig config) {
        this.releases = releases;
        this.containers = containers;
        this.lanes = lanes;
        this.config = config;
    }

    @Scheduled(every = "${fjord.deploy.reconcile-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        all(false);
    }

    /** @param announce announce every app's routes, changed or not (after a start of the service) */
    public void all(boolean announce) {
        try {
            Set<String> apps = new HashSet<>(releases.apps());
            for (Containers.AppContainer c : containers.list(null)) {
                if (c.app() == null || !apps.contains(c.app())) {
                    LOG.infof("removing container %s of an app that no longer exists", c.name());
                    containers.stopAndRemove(c.id(), config.container().stopTimeout());
                }
            }
            apps.forEach(app -> lanes.converge(app, announce));
        } catch (RuntimeException e) {
            // The engine or the database is away (an engine restart): the next round tries again.
            LOG.warnf("reconciliation could not run now: %s", DockerErrors.describe(e));
        }
    }
}
