package io.fjord.build.builds;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fjord.build.deploy.BuildTimeConfig;
import io.fjord.build.docker.AppImages;
import io.fjord.build.docker.BuildSpec;
import io.fjord.build.docker.BuiltImage;
import io.fjord.build.docker.ImageBuild;
import io.fjord.build.docker.ImageBuilder;
import io.fjord.build.source.ArchiveRejected;
import io.fjord.build.source.Source;
import io.fjord.platform.api.ApiException;
import io.quarkus.runtime.StartupEvent;

/**
 * The build queue: {@code fjord.builds.concurrency} builds run at once, the rest wait (status queued). A
 * newer build of an app supersedes its builds still queued; any build can be cancelled; a build running
 * past {@code fjord.builds.timeout} is stopped. Each build ends with its row final, its event in the
 * outbox, its log stored, its folder removed, and an image tagged only if it succeeded.
 */
@ApplicationScoped
public class BuildRunner {
    private static final Logger LOG = Logger.getLogger(BuildRunner.class);
    static final String CANCELLED_BY_REQUEST = "cancelled by request";

    private final BuildConfig config;
    private final ImageBuilder images;
    private final AppImages appImages;
    private final BuildRecords records;
    private final BuildLogs logs;
    private final BuildTimeConfig buildTimeConfig;
    private final ExecutorService builders;
    private final ScheduledExecutorService timeouts;
    /** The jobs of this process not yet ended, queued or running. */
    private final Map<Long, BuildJob> jobs = new ConcurrentHashMap<>();

    BuildRunner(BuildConfig config, ImageBuilder images, AppImages appImages, BuildRecords records, BuildLogs logs,
            BuildTimeConfig buildTimeConfig) {
        this.config = config;
        this.images = images;
        this.appImages = appImages;
        this.records = records;
        this.logs = logs;
        this.buildTimeConfig = buildTimeConfig;
        AtomicInteger count = new AtomicInteger();
        this.builders = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "image-build-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timeouts = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "build-timeouts");
            thread.setDaemon(true);
            return thread;
        });
    }

    void failInterrupted(@Observes StartupEvent ignored) {
        List<Long> failed = records.failUnfinished("build-service stopped during the build");
        if (!failed.isEmpty()) {
            LOG.warnf("builds %s were queued or running when the service stopped; marked failed", failed);
        }
    }

    /**
     * Queues the build and supersedes the app's builds still queued; its log can be followed from the
     * moment this returns. {@code sourceUrl} (may be null) becomes the image's source label.
     */
    public void enqueue(Build build, BuildSource source, String sourceUrl) {
        BuildJob job = new BuildJob(build.id, build.app, build.commit, sourceUrl, source, logs.open(build.id));
        String superseding = "superseded by build " + job.id;
        List<BuildJob> superseded;
        long waiting;
        synchronized (jobs) { // two builds of one app enqueued at once: the newer one sees the older
            superseded = jobs.values().stream()
                    .filter(older -> older.app.equals(job.app) && older.id < job.id)
                    .filter(older -> older.stopIfQueued(BuildStatus.CANCELLED, superseding))
                    .toList();
            waiting = jobs.values().stream().filter(BuildJob::queued).count();
            jobs.put(job.id, job);
        }
        superseded.forEach(older -> endQueued(older, BuildStatus.CANCELLED, superseding));
        if (waiting > 0 || running() >= config.concurrency()) {
            job.output.note("-----> Queued: " + running() + " of " + config.concurrency() + " builders busy, "
                    + waiting + " build(s) waiting before this one");
        }
        try {
            builders.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            stop(job, BuildStatus.FAILED, "build-service is stopping");
        }
    }

    /**
     * Cancels a queued or running build of this process. Answers false when it has none of that id
     * (ended, or never here). Waits a little for a running build to wind down, so the answer can show it.
     */
    public boolean cancel(long id, Duration wait) {
        BuildJob job = jobs.get(id);
        if (job == null) {
            return false;
        }
        stop(job, BuildStatus.CANCELLED, CANCELLED_BY_REQUEST);
        try {
            job.ended().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillStopping) {
            // the answer shows it still building; it ends shortly
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private long running() {
        return jobs.values().stream().filter(job -> !job.queued()).count();
    }

    /** A queued job is ended here and now; a running one is ended by its worker once its step stops. */
    private void stop(BuildJob job, BuildStatus status, String reason) {
        if (job.stop(status, reason) == BuildJob.State.QUEUED) {
            endQueued(job, status, reason);
        }
    }

    private void endQueued(BuildJob job, BuildStatus status, String reason) {
        LOG.infof("build %d of %s %s before it started: %s", job.id, job.app, status.label(), reason);
        try {
            job.source.discard();
            job.output.note(describe(status, reason));
            record(job.id, status, reason);
        } finally {
            job.output.end();
            jobs.remove(job.id);
            job.end();
        }
    }

    private void run(BuildJob job) {
        if (!job.begin()) {
            return; // stopped while it waited
        }
        String tag = "fjord/" + job.app + ":" + job.id;
        BuildOutput output = job.output;
        ScheduledFuture<?> timer = timeouts.schedule(() -> job.stop(BuildStatus.FAILED,
                "timed out after " + human(config.timeout())), config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        Source source = null;
        try {
            records.start(job.id);
            source = job.source.prepare(output, job::stopRequested);
            if (endIfStopped(job, tag)) {
                return;
            }
            Procfile procfile = source.procfile().map(Procfile::parse).orElse(Procfile.none());
            procfile.problems().forEach(problem -> output.note("-----> Procfile " + problem + " (ignored)"));
            Map<String, String> buildArgs = buildArgs(job);
            BuildSpec spec = new BuildSpec(source.archive(), tag, labels(job), buildArgs,
                    config.memory().asLongValue());
            ImageBuild result = images.build(spec, output::docker, job::running);
            if (endIfStopped(job, tag)) {
                return;
            }
            if (!result.succeeded()) {
                removeQuietly(tag); // normally untagged already
                finishFailed(job.id, output, result.error());
                return;
            }
            BuiltImage image = images.inspect(result.imageId());
            output.note("-----> Built " + tag + " (" + image.id() + ")");
            output.note("-----> Exposed port: " + (image.exposedPort() == null ? "none" : image.exposedPort())
                    + "; process types: " + (procfile.processes().isEmpty() ? "none (no Procfile)"
                            : String.join(", ", procfile.processes().keySet())));
            if (records.succeed(job.id, tag, image.id(), image.exposedPort(), procfile.processes())) {
                LOG.infof("build %d of %s succeeded: %s", job.id, job.app, tag);
            } else {
                removeQuietly(tag);
                finishFailed(job.id, output, "the app was destroyed during the build");
            }
        } catch (ApiException | ArchiveRejected | BuildTimeConfig.Unavailable e) {
            // The source or the app's config cannot be built from; the message is meant for the user.
            if (!endIfStopped(job, tag)) {
                finishFailed(job.id, output, e.getMessage());
            }
        } catch (RuntimeException e) {
            if (!endIfStopped(job, tag)) {
                LOG.errorf(e, "build %d of %s failed unexpectedly", job.id, job.app);
                removeQuietly(tag);
                finishFailed(job.id, output, "internal error in build-service; its log has the details");
            }
        } finally {
            timer.cancel(false);
            output.end();
            if (source != null) {
                source.delete();
            }
            jobs.remove(job.id);
            job.end();
        }
    }

    /** The app's build-time config vars as build args; their names go to the log, their values never. */
    private Map<String, String> buildArgs(BuildJob job) {
        BuildTimeConfig.Vars vars = buildTimeConfig.of(job.app);
        if (!vars.known()) {
            // deploy-service without the endpoint, or not knowing the app: a build without build args.
            LOG.infof("build %d of %s: deploy-service answered 404 for the build-time config; no build args",
                    job.id, job.app);
        } else if (!vars.values().isEmpty()) {
            job.output.note("-----> Build args: " + String.join(", ", vars.values().keySet()));
        }
        return vars.values();
    }

    /** A stopped build (cancelled, timed out) ends with the stop's reason, whatever its step reported. */
    private boolean endIfStopped(BuildJob job, String tag) {
        BuildJob.Stop stop = job.stopped();
        if (stop == null) {
            return false;
        }
        removeQuietly(tag); // the engine may finish a build whose client left
        LOG.infof("build %d of %s %s: %s", job.id, job.app, stop.status().label(), stop.reason());
        job.output.note(describe(stop.status(), stop.reason()));
        record(job.id, stop.status(), stop.reason());
        return true;
    }

    /** The log's last line: a failure's reason as Docker's errors end it, a cancellation said as such. */
    private static String describe(BuildStatus status, String reason) {
        return status == BuildStatus.CANCELLED ? "-----> Build cancelled: " + reason : reason;
    }

    private void record(long id, BuildStatus status, String reason) {
        try {
            if (status == BuildStatus.CANCELLED) {
                records.cancel(id, reason);
            } else {
                records.fail(id, reason);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "build %d: recording its end failed; the next start marks it failed", id);
        }
    }

    /** The reason ends the log, as the Docker CLI prints it, and becomes the build's error. */
    private void finishFailed(long id, BuildOutput output, String reason) {
        LOG.infof("build %d failed: %s", id, reason);
        output.note(reason);
        record(id, BuildStatus.FAILED, reason);
    }

    private void removeQuietly(String tag) {
        try {
            appImages.removeTag(tag);
        } catch (RuntimeException e) {
            LOG.warnf("could not remove %s: %s", tag, e.toString());
        }
    }

    /**
     * Fjord's labels and the OCI ones. The engine applies them in one LABEL step after the Dockerfile's
     * own, so values that change on every build (the build id, the creation time) never invalidate the
     * cached layers of the user's steps; created comes last all the same.
     */
    private static Map<String, String> labels(BuildJob job) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("io.fjord.managed", "true");
        labels.put("io.fjord.app", job.app);
        labels.put("io.fjord.build", Long.toString(job.id));
        Optional.ofNullable(job.commit).ifPresent(commit -> labels.put("org.opencontainers.image.revision", commit));
        Optional.ofNullable(job.sourceUrl).ifPresent(url -> labels.put("org.opencontainers.image.source", url));
        labels.put("org.opencontainers.image.created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return labels;
    }

    /** 30m, 90s, 1h30m: as the config says it. */
    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0 || text.isEmpty()) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    @PreDestroy
    void stop() {
        timeouts.shutdownNow();
        builders.shutdownNow();
    }
}
