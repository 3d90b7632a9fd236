package io.fjord.deploy.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * One deploy at a time per app. Each app has a lane: a queue of jobs (pending releases, and
 * reconciliations of its containers) and at most one active job. A release holds the lane from the start
 * of its rollout until the proxy answers (or its deadline passes, counted from the moment its rollout
 * begins, so time spent behind the previous release's drain does not count); a reconciliation holds it
 * while it runs. The lane's work (rollout, clean-ups, timeout, reconciliation) runs in order on a shared
 * pool, so one app's containers are never changed by two tasks at once; a release waiting for the proxy
 * holds no thread.
 */
@ApplicationScoped
public class DeployLanes {
    private static final Logger LOG = Logger.getLogger(DeployLanes.class);

    /** A pending release, or (releaseId null) a reconciliation. */
    private record Job(Long releaseId, boolean announce) {
    }

    private static final class Lane {
        final SerialExecutor work;
        final ArrayDeque<Job> pending = new ArrayDeque<>();
        Long active;
        boolean reconciling;
        ScheduledFuture<?> deadline;

        Lane(ExecutorService pool) {
            work = new SerialExecutor(pool);
        }
    }

    private final Rollout rollout;
    private final Reconciler reconciler;
    private final Duration timeout;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final Map<String, Lane> lanes = new HashMap<>();

    DeployLanes(Rollout rollout, Reconciler reconciler, DeployConfig config) {
        this.rollout = rollout;
        this.reconciler = reconciler;
        this.timeout = config.timeout();
        this.pool = Executors.newFixedThreadPool(config.workers(), daemon("deploy-worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("deploy-timer"));
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    /** Queues a new release; it starts when the app's lane is free. */
    public synchronized void enqueue(String app, long releaseId) {
        Lane lane = lane(app);
        lane.pending.add(new Job(releaseId, false));
        pump(app, lane);
    }

    /** Queues a reconciliation of the app's containers (one is enough: a queued one absorbs the next). */
    public synchronized void converge(String app, boolean announce) {
        Lane lane = lane(app);
        Job queued = lane.pending.stream().filter(job -> job.releaseId() == null).findFirst().orElse(null);
        if (queued != null && (queued.announce() || !announce)) {
            return;
        }
        if (queued != null) {
            lane.pending.remove(queued);
        }
        lane.pending.add(new Job(null, announce));
        pump(app, lane);
    }

    /** Makes a release that is already waiting for the proxy (found after a restart) hold its lane again. */
    public synchronized void resume(String app, long releaseId) {
        Lane lane = lane(app);
        if (lane.active == null) {
            lane.active = releaseId;
            arm(app, lane, releaseId);
        }
    }

    /**
     * The release is settled: runs {@code cleanup} on the lane, then frees the lane for the next
     * job (which runs after the clean-up).
     */
    public synchronized void finish(String app, long releaseId, Runnable cleanup) {
        lane(app).work.execute(guarded(app, cleanup));
        free(app, releaseId);
    }

    /** The app is destroyed: forget its queue; work already running finds its release gone. */
    public synchronized void abandon(String app) {
        Lane lane = lanes.get(app);
        if (lane == null) {
            return;
        }
        lane.pending.clear();
        if (lane.active != null) {
            if (lane.deadline != null) {
                lane.deadline.cancel(false);
            }
            lane.active = null;
        }
    }

    /** Frees the lane if this release holds it, and starts the next job. */
    private synchronized void free(String app, long releaseId) {
        Lane lane = lane(app);
        if (!Objects.equals(lane.active, releaseId)) {
            return;
        }
        lane.active = null;
        if (lane.deadline != null) {
            lane.deadline.cancel(false);
            lane.deadline = null;
        }
        pump(app, lane);
    }

    private synchronized void reconciled(String app) {
        Lane lane = lane(app);
        lane.reconciling = false;
        pump(app, lane);
    }

    private void pump(String app, Lane lane) {
        if (lane.active != null || lane.reconciling || lane.pending.isEmpty()) {
            return;
        }
        Job job = lane.pending.poll();
        if (job.releaseId() == null) {
            lane.reconciling = true;
            lane.work.execute(() -> {
                try {
                    reconciler.converge(app, job.announce());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "reconciliation of %s failed", app);
                } finally {
                    reconciled(app);
                }
            });
            return;
        }
        long releaseId = job.releaseId();
        lane.active = releaseId;
        lane.work.execute(guarded(app, () -> {
            Instant deadline = arm(app, lane, releaseId);
            if (deadline != null && !rollout.start(app, releaseId, deadline)) {
                free(app, releaseId);
            }
        }));
    }

    /** Starts the release's deadline; null when it no longer holds the lane (the app was destroyed). */
    private synchronized Instant arm(String app, Lane lane, long releaseId) {
        if (!Objects.equals(lane.active, releaseId)) {
            return null;
        }
        // The timeout goes through the lane too, so it never runs beside the rollout it ends.
        lane.deadline = timer.schedule(() -> lane.work.execute(guarded(app, () -> {
            rollout.timeOut(app, releaseId, timeout);
            free(app, releaseId);
        })), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return Instant.now().plus(timeout);
    }

    private synchronized Lane lane(String app) {
        return lanes.computeIfAbsent(app, name -> new Lane(pool));
    }

    private static Runnable guarded(String app, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The deadline still settles the release if this was its rollout.
                LOG.errorf(e, "deploy work for %s failed", app);
            }
        };
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
