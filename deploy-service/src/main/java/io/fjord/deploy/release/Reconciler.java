package io.fjord.deploy.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.deploy.docker.ContainerSpec;
import io.fjord.deploy.docker.Containers;
import io.fjord.deploy.docker.Containers.AppContainer;
import io.fjord.deploy.docker.DockerErrors;
import io.fjord.deploy.session.AppSessionStore;
import io.fjord.events.RoutesChanged.Upstream;

/**
 * Brings one app's containers to what its records say, on the app's lane: the live release's formation
 * (scaling, and replacing containers that died or went missing), no container of any other release
 * (orphans a crash or a failed clean-up left), and routes that name the web containers' current
 * addresses (they change when the engine restarts). Scaling down announces the smaller set of routes
 * first and stops the surplus only once the proxy applied them, after the drain time.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final Releases releases;
    private final Containers containers;
    private final Readiness readiness;
    private final RouteWaits routeWaits;
    private final Rollout rollout;
    private final DeployConfig config;
    private final AppSessionStore sessionStore;

    Reconciler(Releases releases, Containers containers, Readiness readiness, RouteWaits routeWaits, Rollout rollout,
            AppSessionStore sessionStore, DeployConfig config) {
        this.releases = releases;
        this.sessionStore = sessionStore;
        this.rollout = rollout;
        this.containers = containers;
        this.readiness = readiness;
        this.routeWaits = routeWaits;
        this.config = config;
    }

    /** @param announce announce the routes even when they look unchanged (after a start of the service) */
    public void converge(String app, boolean announce) throws InterruptedException {
        Set<Integer> busy = new HashSet<>(releases.inProgress(app));
        Optional<Releases.Plan> found = releases.livePlan(app);
        Integer liveVersion = found.map(Releases.Plan::version).orElse(null);
        List<AppContainer> mine = new ArrayList<>();
        for (AppContainer c : containers.list(app)) {
            if (c.version() != null && (busy.contains(c.version()) || rollout.retiring(app, c.version()))) {
                continue;
            }
            if (c.version() == null || !c.version().equals(liveVersion) || ContainerSpec.RELEASE.equals(c.process())) {
                LOG.infof("%s: removing orphaned container %s", app, c.name());
                containers.stopAndRemove(c.id(), config.container().stopTimeout());
            } else {
                mine.add(c);
            }
        }
        if (found.isEmpty()) {
            return;
        }
        Releases.Plan plan = found.get();
        HealthChecks checks = null;
        List<AppContainer> running = new ArrayList<>();
        List<AppContainer> surplus = new ArrayList<>();
        for (Map.Entry<String, Integer> type : plan.formation().entrySet()) {
            List<AppContainer> have = new ArrayList<>(mine.stream().filter(c -> type.getKey().equals(c.process()))
                    .sorted(Comparator.comparingInt(AppContainer::n)).toList());
            for (AppContainer dead : have.stream().filter(c -> !c.running()).toList()) {
                LOG.infof("%s: %s is not running; it is replaced", app, dead.name());
                containers.remove(dead.id());
                have.remove(dead);
            }
            while (have.size() > type.getValue()) {
                surplus.add(have.remove(have.size() - 1));
            }
            for (int n = 1; have.size() < type.getValue() && n <= config.formationMax() * 2; n++) {
                int number = n;
                if (have.stream().anyMatch(c -> c.n() == number)) {
                    continue;
                }
                if (checks == null) {
                    checks = checksOrNone(plan);
                }
                start(plan, type.getKey(), n, checks).ifPresent(have::add);
            }
            running.addAll(have);
        }
        // Process types the release no longer runs (scaled to a type that left the Procfile).
        mine.stream().filter(c -> !plan.formation().containsKey(c.process())).forEach(surplus::add);

        List<Upstream> upstreams = running.stream().filter(c -> ContainerSpec.WEB.equals(c.process()))
                .sorted(Comparator.comparingInt(AppContainer::n))
                .map(c -> new Upstream(c.address(), plan.port())).toList();
        boolean changed = !new HashSet<>(upstreams).equals(new HashSet<>(releases.announced(app)));
        if (!announce && !changed && surplus.isEmpty()) {
            return;
        }
        OptionalLong generation = changed || announce ? releases.announce(app, upstreams) : OptionalLong.empty();
        LOG.infof("%s: routes to %d web container(s) of v%d announced", app, upstreams.size(), plan.version());
        if (surplus.isEmpty()) {
            return;
        }
        if (generation.isPresent() && !routeWaits.await(app, generation.getAsLong(), config.timeout())) {
            LOG.warnf("%s: the proxy did not apply the smaller set of routes; %d surplus container(s) keep running"
                    + " until the next reconciliation", app, surplus.size());
            return;
        }
        if (!Rollout.drain(plan.drain())) {
            return;
        }
        for (AppContainer c : surplus) {
            containers.stopAndRemove(c.id(), plan.stop());
        }
        LOG.infof("%s: %d surplus container(s) drained and stopped", app, surplus.size());
    }

    /** A new container of the live release, once healthy; empty (and removed) when it is not. */
    private Optional<AppContainer> start(Releases.Plan plan, String process, int n, HealthChecks checks)
            throws InterruptedException {
        ContainerSpec spec;
        String id;
        try {
            // Asked each time: the session store's credentials are never kept here.
            spec = ContainerSpec.process(plan.app(), plan.version(), process, n, plan.image(), plan.port(),
                    plan.processes(), plan.withPlatformEnv(sessionStore.env(plan.app())).vars(), plan.settings());
            containers.ensureNetwork();
            id = containers.run(spec);
        } catch (RuntimeException e) {
            LOG.warnf("%s: %s could not be started: %s", plan.app(), ContainerSpec.name(plan.app(), plan.version(),
                    process, n), DockerErrors.describe(e));
            return Optional.empty();
        }
        Optional<String> problem = readiness.problem(id, process, plan.port(), checks, Instant.now().plus(config.timeout()));
        if (problem.isPresent()) {
            LOG.warnf("%s: %s is not healthy (%s); removed", plan.app(), spec.name(), problem.get());
            containers.remove(id);
            return Optional.empty();
        }
        containers.keepRunning(id, spec);
        LOG.infof("%s: %s started", plan.app(), spec.name());
        return Optional.of(new AppContainer(id, spec.name(), plan.app(), plan.version(), process, n, true,
                containers.address(id).orElse(null)));
    }

    /** The live release passed its checks once; an app.json that cannot be read now must not stop the scaling. */
    private HealthChecks checksOrNone(Releases.Plan plan) {
        try {
            return readiness.checks(plan);
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s: %s; new containers get the default check", plan.app(), e.getMessage());
            return HealthChecks.NONE;
        }
    }
}
