package io.fjord.build.builds;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

/**
 * A build in this process, from queued to ended. Another thread may stop it: a queued job then never
 * starts (the stopper ends it), a running one has its current step closed (its worker ends it).
 */
final class BuildJob {
    private static final Logger LOG = Logger.getLogger(BuildJob.class);

    enum State {
        QUEUED, RUNNING, ENDED
    }

    /** Why a build was stopped and how it ends: cancelled, or failed after its timeout. */
    record Stop(BuildStatus status, String reason) {
    }

    final long id;
    final String app;
    final String commit;
    /** The source repository's URL when known, for the image's label; never with credentials. */
    final String sourceUrl;
    final BuildSource source;
    final BuildOutput output;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private State state = State.QUEUED;
    private Stop stop;
    private Closeable step;

    BuildJob(long id, String app, String commit, String sourceUrl, BuildSource source, BuildOutput output) {
        this.id = id;
        this.app = app;
        this.commit = commit;
        this.sourceUrl = sourceUrl;
        this.source = source;
        this.output = output;
    }

    /** Called by the worker; false when the job was stopped while it waited. */
    synchronized boolean begin() {
        if (state != State.QUEUED) {
            return false;
        }
        state = State.RUNNING;
        return true;
    }

    synchronized boolean queued() {
        return state == State.QUEUED;
    }

    /**
     * Asks the job to stop; the first reason wins. Answers the state it was in: QUEUED means the caller
     * now owns the ending, RUNNING that the worker will end it, ENDED that there was nothing to stop.
     */
    synchronized State stop(BuildStatus status, String reason) {
        if (state == State.ENDED) {
            return State.ENDED;
        }
        if (stop == null) {
            stop = new Stop(status, reason);
            if (state == State.QUEUED) {
                state = State.ENDED;
                return State.QUEUED;
            }
            if (step != null) {
                closeQuietly(step);
            }
        }
        return state;
    }

    /** Stops the job only if it has not started: a newer build supersedes a queued one, never a running one. */
    synchronized boolean stopIfQueued(BuildStatus status, String reason) {
        if (state != State.QUEUED) {
            return false;
        }
        stop(status, reason);
        return true;
    }

    synchronized Stop stopped() {
        return stop;
    }

    boolean stopRequested() {
        return stopped() != null;
    }

    /** The step now running (the Docker build); closing it stops the build. Closed at once if stopped. */
    synchronized void running(Closeable current) {
        step = current;
        if (stop != null) {
            closeQuietly(current);
        }
    }

    void end() {
        synchronized (this) {
            state = State.ENDED;
            step = null;
        }
        ended.complete(null);
    }

    CompletableFuture<Void> ended() {
        return ended;
    }

    private void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("build %d: stopping its step failed: %s", id, e.toString());
        }
    }
}
