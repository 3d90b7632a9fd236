package io.fjord.deploy.release;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fjord.deploy.docker.Containers;
import io.fjord.deploy.docker.DockerErrors;
import io.quarkus.runtime.StartupEvent;

/**
 * Follows the Docker engine, so reconciliation need not wait for its next round: a Fjord container that
 * starts (a restart policy after a crash or an engine restart, where addresses on the network may
 * change hands) has its app reconciled at once; when the engine comes back after going away, every app
 * is reconciled and its routes announced again. Until then a web container may answer at an address
 * that nginx still has for another one, so the sooner the better.
 */
@ApplicationScoped
public class EngineWatch {
    private static final Logger LOG = Logger.getLogger(EngineWatch.class);
    private static final long RETRY_MILLIS = 1000;

    private final Containers containers;
    private final DeployLanes lanes;
    private final Reconciliation reconciliation;
    private Thread watcher;

    EngineWatch(Containers containers, DeployLanes lanes, Reconciliation reconciliation) {
        this.containers = containers;
        this.lanes = lanes;
        this.reconciliation = reconciliation;
    }

    void onStart(@Observes StartupEvent ignored) {
        watcher = new Thread(this::watch, "docker-events");
        watcher.setDaemon(true);
        watcher.start();
    }

    @PreDestroy
    void stop() {
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    private void watch() {
        boolean lost = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (lost) {
                    containers.ping();
                    LOG.info("the Docker engine answers again; reconciling every app");
                    reconciliation.all(true);
                }
                lost = false;
                containers.followStarts(app -> lanes.converge(app, false));
                lost = true;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!lost) {
                    LOG.warnf("lost the Docker engine's events: %s", DockerErrors.describe(e));
                }
                lost = true;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
