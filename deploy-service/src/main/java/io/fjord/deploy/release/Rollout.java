package io.fjord.deploy.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.deploy.docker.ContainerSpec;
import io.fjord.deploy.docker.Containers;
import io.fjord.deploy.docker.DockerErrors;
import io.fjord.deploy.docker.Images;
import io.fjord.deploy.docker.Labels;
import io.fjord.deploy.session.AppSessionStore;
import io.fjord.events.RoutesChanged.Upstream;

/**
 * The slow half of a deploy, run on the app's lane: the release command, the new containers of every
 * process type beside the old ones, their health checks, the request for the switch; and the clean-ups
 * after the proxy's answer or a timeout. The old release keeps serving throughout: nothing here touches
 * its containers until the new one is live, and then they get the drain time before SIGTERM.
 */
@ApplicationScoped
public class Rollout {
    private static final Logger LOG = Logger.getLogger(Rollout.class);

    /** A container this rollout started. */
    private record Started(String process, int n, String id, ContainerSpec spec) {
    }

    private final Releases releases;
    private final Containers containers;
    private final Images images;
    private final Readiness readiness;
    private final AppSessionStore sessionStore;
    private final int logLines;
    private final int keepReleases;
    /** Drains are mostly waiting: a thread each, beside the lanes. */
    private final ExecutorService retirer = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "deploy-retire");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Set<Integer>> retiring = new ConcurrentHashMap<>();

    Rollout(Releases releases, Containers containers, Images images, Readiness readiness,
            AppSessionStore sessionStore, DeployConfig config) {
        this.releases = releases;
        this.sessionStore = sessionStore;
        this.containers = containers;
        this.images = images;
        this.readiness = readiness;
        this.logLines = config.logLines();
        this.keepReleases = config.keepReleases();
    }

    /**
     * Runs the release command, starts the release's containers and health-checks them. Returns true
     * when routes.changed is on its way and the lane now waits for the proxy; false when the release is
     * settled (failed, or gone).
     */
    public boolean start(String app, long releaseId, Instant deadline) {
        Releases.Plan plan = releases.begin(app, releaseId).orElse(null);
        if (plan == null) {
            LOG.debugf("%s release %d is no longer pending; nothing to roll out", app, releaseId);
            return false;
        }
        try {
            plan = plan.withPlatformEnv(sessionStore.env(app));
        } catch (AppSessionStore.Unavailable e) {
            discard(plan, null, e.getMessage(), null);
            return false;
        }
        List<Started> started = new ArrayList<>();
        try {
            containers.ensureNetwork();
            HealthChecks checks;
            try {
                checks = readiness.checks(plan);
            } catch (IllegalArgumentException e) {
                discard(plan, null, e.getMessage(), null);
                return false;
            }
            String command = plan.processes().get(ContainerSpec.RELEASE);
            if (command != null && !command.isBlank() && !releasePhase(plan, deadline)) {
                return false;
            }
            for (Map.Entry<String, Integer> type : plan.formation().entrySet()) {
                for (int n = 1; n <= type.getValue(); n++) {
                    ContainerSpec spec = ContainerSpec.process(app, plan.version(), type.getKey(), n, plan.image(),
                            plan.port(), plan.processes(), plan.vars(), plan.settings());
                    started.add(new Started(type.getKey(), n, containers.run(spec), spec));
                }
            }
            if (!releases.exists(app, releaseId)) {
                // The app was destroyed while its containers were being made.
                removeRelease(app, plan.version());
                return false;
            }
            LOG.infof("%s v%d: %d container(s) started; checking their health", app, plan.version(), started.size());
            List<Upstream> upstreams = new ArrayList<>();
            for (Started s : started) {
                Optional<String> problem = readiness.problem(s.id(), s.process(), plan.port(), checks, deadline);
                if (problem.isPresent()) {
                    discard(plan, s.id(), problem.get(), null);
                    return false;
                }
                if (ContainerSpec.WEB.equals(s.process())) {
                    upstreams.add(new Upstream(containers.address(s.id()).orElseThrow(), plan.port()));
                }
            }
            for (Started s : started) {
                containers.keepRunning(s.id(), s.spec());
            }
            if (!releases.switchTo(app, releaseId, upstreams)) {
                // Settled meanwhile (destroyed, or timed out): the containers serve nobody.
                removeRelease(app, plan.version());
                return false;
            }
            LOG.infof("%s v%d is healthy; routes.changed sent for %d web container(s)", app, plan.version(), upstreams.size());
            return true;
        } catch (InterruptedException e) {
            // The service is stopping: the release stays as it is and the next start settles it.
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s v%d could not be started", app, plan.version());
            discard(plan, started.isEmpty() ? null : started.get(started.size() - 1).id(),
                    "the container could not be started: " + DockerErrors.describe(e), null);
            return false;
        }
    }

    /**
     * The Procfile's {@code release:} command, once, in a one-off container of the new image and config
     * (no route), before any new container starts. False when it failed: the release is failed with its
     * output, and the old release never stopped serving.
     */
    private boolean releasePhase(Releases.Plan plan, Instant deadline) throws InterruptedException {
        ContainerSpec spec = ContainerSpec.process(plan.app(), plan.version(), ContainerSpec.RELEASE, 1, plan.image(),
                plan.port(), plan.processes(), plan.vars(), plan.settings());
        Duration left = Duration.between(Instant.now(), deadline);
        LOG.infof("%s v%d: running the release command", plan.app(), plan.version());
        Containers.OneOff result = containers.runToEnd(spec, left, logLines);
        if (result.exitCode() == null) {
            discard(plan, null, "the release command did not finish within " + HealthCheck.human(left), result.output());
            return false;
        }
        if (result.exitCode() != 0) {
            discard(plan, null, "the release command exited with code " + result.exitCode(), result.output());
            return false;
        }
        return true;
    }

    /**
     * Fails a release still in progress wherever it is (the deadline passed, or the service restarted
     * under it), removes its containers, and if the proxy may already route to them, puts the live
     * release's routes back.
     */
    public void abort(String app, long releaseId, Function<ReleaseStatus, String> reason) {
        releases.fail(app, releaseId, reason, null).ifPresent(failed -> {
            LOG.warnf("%s v%d failed: %s", app, failed.version(), reason.apply(failed.from()));
            removeRelease(app, failed.version());
            if (failed.from() == ReleaseStatus.SWITCHING) {
                restoreRoutes(app);
            }
        });
    }

    /** The deploy held its lane too long. */
    public void timeOut(String app, long releaseId, Duration limit) {
        abort(app, releaseId, from -> "deploy timed out after " + HealthCheck.human(limit)
                + (from == ReleaseStatus.SWITCHING ? " waiting for the proxy to apply the new routes"
                        : " before the new containers were healthy"));
    }

    /**
     * The proxy routes to the new release: the old releases' containers get the drain time to finish
     * requests in flight, then SIGTERM, SIGKILL after the stop timeout. That runs beside the lane, so the
     * next deploy need not wait for it (reconciliation leaves retiring containers alone meanwhile). Then
     * images no retained release runs are removed (the engine keeps those the retiring containers use).
     */
    public void retire(String app, Collection<Integer> versions) {
        Releases.Plan live = releases.livePlan(app).orElse(null);
        List<String> ids = new ArrayList<>();
        for (int version : versions) {
            ids.addAll(containers.find(Labels.ofRelease(app, version)));
        }
        if (live != null && !ids.isEmpty()) {
            Set<Integer> mine = retiring.computeIfAbsent(app, name -> ConcurrentHashMap.newKeySet());
            mine.addAll(versions);
            retirer.execute(() -> {
                try {
                    if (drain(live.drain())) {
                        for (String id : ids) {
                            containers.stopAndRemove(id, live.stop());
                        }
                        LOG.infof("%s: v%s retired; %d container(s) drained and stopped", app, versions, ids.size());
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("%s: v%s could not be stopped now (reconciliation tries again): %s", app, versions,
                            DockerErrors.describe(e));
                } finally {
                    mine.removeAll(versions);
                }
            });
        }
        prune(app);
    }

    /** Whether the release's containers are draining: they are neither orphans nor to be replaced. */
    public boolean retiring(String app, int version) {
        Set<Integer> versions = retiring.get(app);
        return versions != null && versions.contains(version);
    }

    @PreDestroy
    void stop() {
        // Containers left draining are orphans at the next start, and reconciliation removes them.
        retirer.shutdownNow();
    }

    /** Removes at once the containers of a release that never served. */
    public void removeRelease(String app, int version) {
        for (String id : containers.find(Labels.ofRelease(app, version))) {
            containers.remove(id);
        }
    }

    /** Waits while requests in flight finish; false when the service is stopping. */
    static boolean drain(Duration time) {
        try {
            Thread.sleep(time.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Keeps the images of the last releases (for rollbacks); older ones go. */
    private void prune(String app) {
        try {
            for (Releases.Prunable prunable : releases.prunable(app, keepReleases)) {
                if (images.remove(app, prunable.image())) {
                    releases.imageRemoved(prunable.releaseIds());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s: old images could not be removed now: %s", app, DockerErrors.describe(e));
        }
    }

    /** Removes a failed rollout's containers (keeping the last words of the one that failed) and fails it. */
    private void discard(Releases.Plan plan, String containerId, String reason, String output) {
        String log = output != null ? output : containerId == null ? null : containers.tail(containerId, logLines);
        try {
            removeRelease(plan.app(), plan.version());
        } finally {
            releases.fail(plan.app(), plan.releaseId(), from -> reason, log)
                    .ifPresent(failed -> LOG.infof("%s v%d failed: %s", plan.app(), plan.version(), reason));
        }
    }

    private void restoreRoutes(String app) {
        releases.live(app).ifPresent(live -> {
            List<Upstream> upstreams = containers.runningAddresses(Labels.ofProcess(app, live.version(), ContainerSpec.WEB))
                    .stream().map(address -> new Upstream(address, live.port())).toList();
            if (!upstreams.isEmpty()) {
                releases.announce(app, upstreams);
                LOG.infof("%s: routes to the live v%d announced again", app, live.version());
            }
        });
    }
}
