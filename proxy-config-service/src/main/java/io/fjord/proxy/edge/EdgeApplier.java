package io.fjord.proxy.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.events.RoutesChanged;
import io.fjord.events.RoutesRejected;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.api.ApiException;
import io.fjord.platform.bus.Outbox;
import io.fjord.proxy.edge.Change.Step;
import io.fjord.proxy.edge.Outcome.Applied;
import io.fjord.proxy.edge.Outcome.Refused;
import io.fjord.proxy.edge.Outcome.Rejected;
import io.fjord.proxy.nginx.ConfigInstaller;
import io.fjord.proxy.nginx.ConfigInstaller.FileChange;
import io.fjord.proxy.nginx.ConfigTree;
import io.fjord.proxy.nginx.NginxConfig;
import io.fjord.proxy.nginx.NginxException;
import io.fjord.proxy.nginx.NginxProcess;
import io.fjord.proxy.nginx.NginxRenderer;
import io.fjord.proxy.nginx.NginxSyntax;
import io.fjord.proxy.nginx.Sites;
import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.AppRoute.Cert;
import io.fjord.proxy.route.RouteTable;
import io.fjord.proxy.route.Upstream;
import io.fjord.proxy.tls.CertificateCheck;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one way the edge changes. Changes (new upstreams, an app's domains, certificates, settings, its
 * removal) queue here and are applied by one worker in batches: what arrives within a few milliseconds
 * of the first is rendered into one candidate copy of the whole tree, validated by one {@code nginx -t},
 * swapped in and reloaded once; only then are the routes stored and each change's event emitted, in one
 * transaction. When nginx refuses a batch, its changes are applied again one by one, so one bad app
 * cannot hold back the others: a refused change leaves the live files as they were, stores nothing and
 * emits {@code routes.rejected} with nginx's words. Callers wait for their change's {@link Outcome}.
 */
@ApplicationScoped
public class EdgeApplier {
    private static final Logger LOG = Logger.getLogger(EdgeApplier.class);
    /** More than any burst of deploys; a batch this large still validates in one nginx -t. */
    private static final int MAX_BATCH = 256;
    /** How often an idle worker looks whether the service stops. */
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** A batch is a validation and a reload; with a thousand apps, seconds at worst. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    // Held while applying and while the whole edge is rendered again, so those never overlap.
    private final ReentrantLock lock = new ReentrantLock();
    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();
    private final ConfigTree tree;
    private final ConfigInstaller installer;
    private final NginxRenderer renderer;
    private final Sites sites;
    private final NginxProcess nginx;
    private final RouteTable table;
    private final Outbox outbox;
    private final Duration window;
    private Thread worker;
    private volatile boolean stopped;

    EdgeApplier(ConfigTree tree, ConfigInstaller installer, NginxRenderer renderer, Sites sites, NginxProcess nginx,
            RouteTable table, Outbox outbox, NginxConfig config) {
        this.tree = tree;
        this.installer = installer;
        this.renderer = renderer;
        this.sites = sites;
        this.nginx = nginx;
        this.table = table;
        this.outbox = outbox;
        this.window = config.batchWindow();
    }

    @PostConstruct
    void start() {
        worker = new Thread(this::work, "edge-applier");
        worker.setDaemon(true);
        worker.start();
    }

    /** Lets the batch being applied finish (an interrupted nginx would reject it), then answers the rest. */
    @PreDestroy
    void stop() {
        stopped = true;
        try {
            worker.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }

    /** Routes an app to its new upstreams, unless a newer generation is live already. */
    public Outcome apply(RoutesChanged change) {
        String app = change.app();
        if (!NginxSyntax.isAppName(app)) {
            LOG.warn("ignored a routes.changed without a valid app name");
            return new Outcome.Ignored();
        }
        if (change.upstreams() != null && change.upstreams().stream().anyMatch(Objects::isNull)) {
            String reason = "invalid route: an upstream is empty";
            LOG.warnf("routes of %s generation %d rejected: %s", app, change.generation(), reason);
            QuarkusTransaction.requiringNew().run(() -> outbox.emit(RoutingKeys.ROUTES_REJECTED, app,
                    new RoutesRejected(app, change.generation(), reason)));
            return new Rejected(reason);
        }
        List<Upstream> upstreams = change.upstreams() == null ? List.of()
                : change.upstreams().stream().map(upstream -> new Upstream(upstream.host(), upstream.port())).toList();
        return submit(new Change.Routes(app, change.generation(), upstreams));
    }

    /**
     * Changes an app that exists (answered {@link Refused} with a 404 otherwise).
     *
     * @param description what changes, for the log (never a secret)
     */
    public Outcome edit(String app, String description, AppEdit edit) {
        return submit(new Change.Edit(NginxSyntax.appName(app), description, edit));
    }

    /** Takes a destroyed app off the edge: its file, its certificates and its rows. */
    public Outcome remove(String app) {
        if (!NginxSyntax.isAppName(app)) {
            LOG.debug("ignored app.destroyed for an invalid app name");
            return new Outcome.Ignored();
        }
        return submit(new Change.Removal(app));
    }

    /**
     * Renders the whole edge from the settings and the route table and makes it live: files that drifted
     * from the table are rewritten, files of apps not in it removed, nginx started or reloaded. A
     * certificate whose files are gone or are not the recorded ones is dropped (its domain is served over
     * HTTP, and the error logged). When nginx refuses the rendering, nothing is touched: the live files
     * and a running nginx stay as they are.
     *
     * @throws NginxException with nginx's reason when the rendering is refused or nginx does not take it
     */
    public void reconcile() {
        lock.lock();
        try {
            tree.prepare();
            List<AppRoute> routes = QuarkusTransaction.requiringNew().call(table::all);
            Map<String, String> files = new LinkedHashMap<>();
            List<String> keep = new ArrayList<>();
            List<AppRoute> repaired = new ArrayList<>();
            files.put(ConfigTree.mainFile(), renderer.mainConfig());
            files.put(ConfigTree.platformFile(Sites.API), renderer.site(sites.platformApi()));
            for (AppRoute route : routes) {
                AppRoute served = route;
                for (Cert cert : route.certificates()) {
                    String certFile = ConfigTree.certFile(route.app(), cert.domain());
                    String keyFile = ConfigTree.keyFile(route.app(), cert.domain());
                    if (onDisk(certFile, keyFile, cert)) {
                        keep.add(certFile);
                        keep.add(keyFile);
                    } else {
                        LOG.errorf("the certificate of %s (app %s) is missing from %s or is not the recorded one; %s is"
                                + " served over HTTP until a certificate is uploaded or ordered again", cert.domain(),
                                route.app(), tree.live(certFile).getParent(), cert.domain());
                        served = served.withoutCertificate(cert.domain());
                    }
                }
                if (served != route) {
                    repaired.add(served);
                }
                files.put(ConfigTree.appFile(route.app()), renderer.site(sites.app(served)));
            }
            Optional<String> refused = installer.replaceAll(files, keep);
            if (refused.isPresent()) {
                throw new NginxException("nginx refused the configuration rendered from the route table; the live"
                        + " files and the running nginx are left as they are: " + refused.get());
            }
            if (!repaired.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> table.save(repaired, List.of()));
            }
            LOG.infof("edge configuration rendered for the platform API and %d apps in %s", routes.size(), tree.dir());
        } finally {
            lock.unlock();
        }
    }

    private boolean onDisk(String certFile, String keyFile, Cert cert) {
        try {
            return tree.read(keyFile).isPresent()
                    && tree.read(certFile).map(CertificateCheck::fingerprint).filter(cert.fingerprint()::equals).isPresent();
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private Outcome submit(Change change) {
        if (stopped) {
            throw new NginxException("the service is stopping; the change was not applied");
        }
        queue.add(change);
        if (stopped) {
            // The worker may have gone between the check above and the add: answer rather than wait forever.
            failQueued();
        }
        try {
            return change.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NginxException("interrupted while waiting for the change to be applied", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new NginxException("applying the change failed", e.getCause());
        }
    }

    private void work() {
        while (!stopped) {
            List<Change> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                break;
            }
            if (batch.isEmpty()) {
                continue;
            }
            lock.lock();
            try {
                applyBatch(batch);
            } catch (RuntimeException e) {
                LOG.error("applying changes of the edge failed", e);
                batch.forEach(change -> change.result.completeExceptionally(e));
            } finally {
                lock.unlock();
            }
        }
        failQueued();
    }

    /** The next change and whatever arrives within the batch window after it; none when it is time to stop. */
    private List<Change> nextBatch() throws InterruptedException {
        Change first = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<Change> batch = new ArrayList<>(List.of(first));
        long deadline = System.nanoTime() + window.toNanos();
        while (batch.size() < MAX_BATCH) {
            Change more = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (more == null) {
                break;
            }
            batch.add(more);
        }
        return batch;
    }

    private void applyBatch(List<Change> batch) {
        if (batch.size() > 1) {
            if (applyTogether(batch, false)) {
                return;
            }
            LOG.warnf("a batch of %d changes was refused; applying each alone", batch.size());
        }
        for (Change change : batch) {
            if (!change.result.isDone()) {
                applyTogether(List.of(change), true);
            }
        }
    }

    /**
     * Applies changes with one validation and one reload.
     *
     * @param alone a single change: when refused, it is rejected rather than retried
     * @return false when the batch was refused and nothing of it applied
     */
    private boolean applyTogether(List<Change> changes, boolean alone) {
        Batch batch = QuarkusTransaction.requiringNew().call(() -> plan(changes));
        if (batch.changes().isEmpty()) {
            return true;
        }
        Optional<String> refused;
        try {
            refused = installer.install(files(batch));
        } catch (IllegalArgumentException invalid) {
            refused = Optional.of("invalid route: " + invalid.getMessage());
        }
        if (refused.isPresent()) {
            if (alone) {
                reject(batch.changes(), refused.get());
            }
            return alone;
        }
        long load = nginx.loads();
        List<AppRoute> stored = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        batch.next().forEach((app, next) -> next.ifPresentOrElse(route -> stored.add(route.stored()), () -> removed.add(app)));
        QuarkusTransaction.requiringNew().run(() -> {
            table.save(stored, removed);
            batch.changes().forEach(change -> change.applied(outbox));
        });
        for (Change change : batch.changes()) {
            LOG.infof("live: %s", change.describe());
            change.finish(new Applied(batch.next().get(change.app).map(AppRoute::stored).orElse(null), load));
        }
        if (changes.size() > 1) {
            LOG.infof("%d changes applied with one reload", batch.changes().size());
        }
        return true;
    }

    /** Plans each change on what the ones before it left; those that end here (ignored, refused) are answered. */
    private Batch plan(List<Change> changes) {
        Batch batch = new Batch(table);
        for (Change change : changes) {
            if (change.result.isDone()) {
                continue;
            }
            Step step;
            try {
                step = change.plan(batch.working(change.app), batch);
            } catch (ApiException refused) {
                step = Step.done(new Refused(refused));
            }
            if (step.done() != null) {
                LOG.debugf("%s: %s", change.describe(), step.done());
                change.finish(step.done());
            } else {
                batch.add(change, step);
            }
        }
        return batch;
    }

    /** The files a batch changes: each app's file, its new certificates and keys, those no longer served. */
    private List<FileChange> files(Batch batch) {
        List<FileChange> files = new ArrayList<>();
        batch.next().forEach((app, next) -> {
            AppRoute before = batch.stored(app);
            if (next.isEmpty()) {
                files.add(FileChange.remove(ConfigTree.appFile(app)));
            } else {
                files.add(FileChange.write(ConfigTree.appFile(app), renderer.site(sites.app(next.get()))));
                for (Cert cert : next.get().certificates()) {
                    if (cert.files() != null) {
                        files.add(FileChange.write(ConfigTree.certFile(app, cert.domain()), cert.files().chain()));
                        files.add(FileChange.write(ConfigTree.keyFile(app, cert.domain()), cert.files().key()));
                    }
                }
            }
            for (Cert cert : before.certificates()) {
                if (next.flatMap(route -> route.certificate(cert.domain())).isEmpty()) {
                    files.add(FileChange.remove(ConfigTree.certFile(app, cert.domain())));
                    files.add(FileChange.remove(ConfigTree.keyFile(app, cert.domain())));
                }
            }
        });
        return files;
    }

    private void reject(List<Change> changes, String reason) {
        changes.forEach(change -> LOG.warnf("rejected: %s: %s", change.describe(), reason));
        QuarkusTransaction.requiringNew().run(() -> changes.forEach(change -> change.rejected(outbox, reason)));
        changes.forEach(change -> change.finish(new Rejected(reason)));
    }

    private void failQueued() {
        List<Change> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(change -> change.result.completeExceptionally(
                new NginxException("the service is stopping; the change was not applied")));
    }
}
