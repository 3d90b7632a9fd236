package io.fjord.deploy.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.fjord.deploy.app.App;
import io.fjord.deploy.config.ConfigStore;
import io.fjord.deploy.docker.ContainerSettings;
import io.fjord.events.BuildSucceeded;
import io.fjord.events.RoutesChanged;
import io.fjord.events.RoutesChanged.Upstream;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.Outbox;

/**
 * Every state change of a release, each in a transaction that first locks the app's row and emits the
 * event announcing the change. Each method checks the state it expects and does nothing otherwise,
 * because a timeout, a destroyed app and the proxy's answer may race for the same release.
 */
@ApplicationScoped
public class Releases {
    /** The port an image without EXPOSE listens on, as Heroku-style platforms expect. */
    public static final int DEFAULT_PORT = 5000;
    /** The actor of releases a push made. */
    public static final String BUILD_ACTOR = "build";

    /**
     * What a rollout (or reconciliation) needs to run a release's containers. {@code vars} are the config
     * vars: secrets, never logged. {@code apiChecks}: health checks set through the API, or null to use
     * the image's app.json.
     */
    public record Plan(String app, long releaseId, int version, String image, int port, Map<String, String> processes,
            Map<String, String> vars, Map<String, Integer> formation, ContainerSettings settings, Duration drain,
            Duration stop, HealthChecks apiChecks) {

        /** This plan with the platform's variables added; a config var of the same name wins. */
        public Plan withPlatformEnv(Map<String, String> platform) {
            if (platform.isEmpty()) {
                return this;
            }
            Map<String, String> merged = new HashMap<>(platform);
            merged.putAll(vars);
            return new Plan(app, releaseId, version, image, port, processes, Map.copyOf(merged), formation, settings,
                    drain, stop, apiChecks);
        }
    }

    /** An image that no retained release runs, and the releases that ran it. */
    public record Prunable(String image, List<Long> releaseIds) {
    }

    /** A release that went live (and those it retired), or failed at the proxy. */
    public record Switched(long releaseId, int version, List<Integer> retired) {
    }

    public record Failed(int version, ReleaseStatus from) {
    }

    public record Live(int version, int port) {
    }

    public record Unfinished(String app, long releaseId, int version, ReleaseStatus status) {
    }

    private final Outbox outbox;
    private final ConfigStore configs;
    private final AppRuntime runtime;

    Releases(Outbox outbox, ConfigStore configs, AppRuntime runtime) {
        this.outbox = outbox;
        this.configs = configs;
        this.runtime = runtime;
    }

    /** Release vN+1 of the app from a build; the caller's transaction has locked the app. */
    @Transactional(TxType.MANDATORY)
    public Release create(App app, BuildSucceeded build) {
        Release release = next(app, ReleaseKind.BUILD, BUILD_ACTOR, "Deploy build " + build.buildId());
        release.buildId = build.buildId();
        release.commit = build.commit();
        release.image = build.image();
        release.imageId = build.imageId();
        release.processes = build.processes() == null ? Map.of() : new HashMap<>(build.processes());
        release.port = build.exposedPort() != null && build.exposedPort() > 0 && build.exposedPort() < 65536
                ? build.exposedPort() : DEFAULT_PORT;
        release.persist();
        outbox.emit(RoutingKeys.RELEASE_CREATED, app.name, release.event());
        return release;
    }

    /**
     * Release vM with the image and config of {@code target} (Heroku's rollback); its config becomes the
     * app's. The caller's transaction has locked the app and checked the target can be rolled back to.
     */
    @Transactional(TxType.MANDATORY)
    public Release rollback(App app, Release target, String actor) {
        Release release = next(app, ReleaseKind.ROLLBACK, actor, "Rollback to v" + target.version);
        copyImage(target, release);
        release.configVersion = target.configVersion;
        app.configVersion = target.configVersion;
        release.persist();
        outbox.emit(RoutingKeys.RELEASE_CREATED, app.name, release.event());
        return release;
    }

    /**
     * The app's config changed: releases still waiting take the new config, and when something is live, a
     * new release runs the live image with it. Empty when nothing is live. The caller has locked the app.
     */
    @Transactional(TxType.MANDATORY)
    public Optional<Release> configChanged(App app, String description, String actor) {
        Release.update("configVersion = ?1 where app = ?2 and status = ?3", app.configVersion, app, ReleaseStatus.PENDING);
        Optional<Release> live = live(app);
        return live.map(current -> {
            Release release = next(app, ReleaseKind.CONFIG, actor, description);
            copyImage(current, release);
            release.persist();
            outbox.emit(RoutingKeys.RELEASE_CREATED, app.name, release.event());
            return release;
        });
    }

    /**
     * A newer build supersedes what still waits for its turn and comes from an older build (or from the
     * config or an earlier release: the new one carries the current config). Returns their versions.
     */
    @Transactional(TxType.MANDATORY)
    public List<Integer> supersede(App app, Release newer) {
        List<Release> waiting = Release.list("app = ?1 and status = ?2 and id <> ?3 and (buildId is null or buildId < ?4)",
                app, ReleaseStatus.PENDING, newer.id, newer.buildId);
        for (Release older : waiting) {
            older.supersede("superseded by v" + newer.version + " (build " + newer.buildId + ")");
            outbox.emit(RoutingKeys.RELEASE_FAILED, app.name, older.event());
        }
        return waiting.stream().map(r -> r.version).toList();
    }

    /** The live release of a locked app. */
    @Transactional(TxType.MANDATORY)
    public Optional<Release> live(App app) {
        return Release.<Release>find("app = ?1 and status = ?2", app, ReleaseStatus.LIVE).firstResultOptional();
    }

    private Release next(App app, ReleaseKind kind, String actor, String description) {
        Integer max = Release.getEntityManager()
                .createQuery("select max(r.version) from Release r where r.app = :app", Integer.class)
                .setParameter("app", app)
                .getSingleResult();
        Release release = new Release();
        release.app = app;
        release.version = max == null ? 1 : max + 1;
        release.kind = kind;
        release.actor = actor;
        release.description = description.length() > 300 ? description.substring(0, 297) + "..." : description;
        release.configVersion = app.configVersion;
        release.status = ReleaseStatus.PENDING;
        release.createdAt = Release.now();
        return release;
    }

    private static void copyImage(Release from, Release to) {
        to.buildId = from.buildId;
        to.commit = from.commit;
        to.image = from.image;
        to.imageId = from.imageId;
        to.processes = new HashMap<>(from.processes);
        to.port = from.port;
    }

    /** Whether the app already has a release of this build (a build is released once). */
    @Transactional(TxType.MANDATORY)
    public boolean released(App app, long buildId) {
        return Release.count("app = ?1 and buildId = ?2", app, buildId) > 0;
    }

    /** pending to starting; empty when the release is gone or was settled meanwhile. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Plan> begin(String app, long releaseId) {
        Optional<Release> pending = find(app, releaseId).filter(r -> r.status == ReleaseStatus.PENDING);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Release r = pending.get();
        if (r.kind == ReleaseKind.CONFIG) {
            // The image live now, which may be newer than the one live when the config changed.
            Optional<Release> live = live(r.app);
            if (live.isEmpty()) {
                r.fail("no live release to apply the config change to", null);
                outbox.emit(RoutingKeys.RELEASE_FAILED, app, r.event());
                return Optional.empty();
            }
            copyImage(live.get(), r);
        }
        r.moveTo(ReleaseStatus.STARTING);
        return Optional.of(plan(r));
    }

    /** The live release's plan, for reconciliation and scaling. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Plan> livePlan(String app) {
        App locked = App.lock(app);
        return locked == null ? Optional.empty() : live(locked).map(this::plan);
    }

    /** Versions of the app's releases still on their way: their containers are the rollout's business. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Integer> inProgress(String app) {
        return Release.<Release>list("app.name = ?1 and status in ?2", app,
                List.of(ReleaseStatus.PENDING, ReleaseStatus.STARTING, ReleaseStatus.SWITCHING)).stream()
                .map(r -> r.version).toList();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<String> apps() {
        return App.<App>listAll().stream().map(a -> a.name).toList();
    }

    /**
     * Images no retained release runs: the {@code keep} newest releases that went live, and those on
     * their way, are retained.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Prunable> prunable(String app, int keep) {
        List<Release> all = Release.list("app.name = ?1 order by version desc", app);
        Set<String> retained = new HashSet<>();
        int served = 0;
        for (Release r : all) {
            boolean wentLive = r.status == ReleaseStatus.LIVE || r.status == ReleaseStatus.RETIRED;
            if (r.status.inProgress() || (wentLive && served++ < keep)) {
                retained.add(r.runnableImage());
            }
        }
        Map<String, List<Long>> images = new LinkedHashMap<>();
        for (Release r : all) {
            if (!r.imageRemoved && !retained.contains(r.runnableImage())) {
                images.computeIfAbsent(r.runnableImage(), image -> new ArrayList<>()).add(r.id);
            }
        }
        return images.entrySet().stream().map(e -> new Prunable(e.getKey(), e.getValue())).toList();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void imageRemoved(List<Long> releaseIds) {
        Release.update("imageRemoved = true where id in ?1", releaseIds);
    }

    private Plan plan(Release r) {
        App app = r.app;
        return new Plan(app.name, r.id, r.version, r.runnableImage(), r.port, Map.copyOf(r.processes),
                configs.vars(app, r.configVersion), runtime.formation(app, r.processes), runtime.containers(app),
                runtime.drain(app), runtime.stop(app), runtime.apiChecks(app).orElse(null));
    }

    @Transactional(TxType.REQUIRES_NEW)
    public boolean exists(String app, long releaseId) {
        return Release.count("id = ?1 and app.name = ?2", releaseId, app) > 0;
    }

    /** starting to switching: asks the proxy to route to {@code upstreams}. False when settled meanwhile. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean switchTo(String app, long releaseId, List<Upstream> upstreams) {
        Optional<Release> release = find(app, releaseId).filter(r -> r.status == ReleaseStatus.STARTING);
        release.ifPresent(r -> {
            r.generation = announce(r.app, upstreams);
            r.moveTo(ReleaseStatus.SWITCHING);
        });
        return release.isPresent();
    }

    /** Fails a release still in progress, with the reason for the state it was in; empty if it was not. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Failed> fail(String app, long releaseId, Function<ReleaseStatus, String> reason, String log) {
        return find(app, releaseId)
                .filter(r -> r.status.inProgress())
                .map(r -> {
                    ReleaseStatus from = r.status;
                    r.fail(reason.apply(from), log);
                    outbox.emit(RoutingKeys.RELEASE_FAILED, app, r.event());
                    return new Failed(r.version, from);
                });
    }

    /** The proxy routes to the switching release of this generation: it goes live, the live one retires. */
    @Transactional(TxType.MANDATORY)
    public Optional<Switched> applied(String app, long generation) {
        return switching(app, generation).map(release -> {
            List<Release> previous = Release.list("app = ?1 and status = ?2", release.app, ReleaseStatus.LIVE);
            previous.forEach(r -> r.moveTo(ReleaseStatus.RETIRED));
            release.moveTo(ReleaseStatus.LIVE);
            outbox.emit(RoutingKeys.RELEASE_SUCCEEDED, app, release.event());
            return new Switched(release.id, release.version, previous.stream().map(r -> r.version).toList());
        });
    }

    /** The proxy refused the routes of this generation: the release fails, the old routes stay. */
    @Transactional(TxType.MANDATORY)
    public Optional<Switched> rejected(String app, long generation, String why) {
        return switching(app, generation).map(release -> {
            release.fail("nginx rejected the new routes: " + why, null);
            outbox.emit(RoutingKeys.RELEASE_FAILED, app, release.event());
            return new Switched(release.id, release.version, List.of());
        });
    }

    /** Deletes every release of an app being destroyed; the caller's transaction has locked the app. */
    @Transactional(TxType.MANDATORY)
    public void deleteAll(App app) {
        Release.delete("app", app);
        configs.deleteAll(app);
    }

    /** Announces routes no release waits for (putting the live release's routes back). */
    @Transactional(TxType.REQUIRES_NEW)
    public OptionalLong announce(String app, List<Upstream> upstreams) {
        App locked = App.lock(app);
        return locked == null ? OptionalLong.empty() : OptionalLong.of(announce(locked, upstreams));
    }

    /** The upstreams last announced for the app (empty when none or unknown). */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Upstream> announced(String app) {
        App found = App.byName(app);
        return found == null ? List.of() : RoutesJson.read(found.routes);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Live> live(String app) {
        return Release.<Release>find("app.name = ?1 and status = ?2", app, ReleaseStatus.LIVE).firstResultOptional()
                .map(r -> new Live(r.version, r.port));
    }

    /** Releases still in progress, oldest first: after a restart, nothing works on them. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Unfinished> unfinished() {
        return Release.<Release>list("status in ?1 order by id",
                List.of(ReleaseStatus.PENDING, ReleaseStatus.STARTING, ReleaseStatus.SWITCHING)).stream()
                .map(r -> new Unfinished(r.app.name, r.id, r.version, r.status))
                .toList();
    }

    private long announce(App locked, List<Upstream> upstreams) {
        locked.routeGeneration++;
        locked.routes = RoutesJson.write(upstreams);
        outbox.emit(RoutingKeys.ROUTES_CHANGED, locked.name, new RoutesChanged(locked.name, locked.routeGeneration, upstreams));
        return locked.routeGeneration;
    }

    /** Locks the app, then loads the release, so the release's state is the committed one. */
    private Optional<Release> find(String app, long releaseId) {
        App locked = App.lock(app);
        if (locked == null) {
            return Optional.empty();
        }
        return Release.<Release>find("id = ?1 and app = ?2", releaseId, locked).firstResultOptional();
    }

    private Optional<Release> switching(String app, long generation) {
        App locked = App.lock(app);
        if (locked == null) {
            return Optional.empty();
        }
        return Release.<Release>find("app = ?1 and generation = ?2 and status = ?3", locked, generation,
                ReleaseStatus.SWITCHING).firstResultOptional();
    }
}
