package io.fjord.deploy.release;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Settles the deploys a stop of the service left half-done, so no app stays blocked: a release that
 * was starting fails and its container goes; one waiting for the proxy waits again (its answer may
 * still be in the queue) under a fresh deadline; pending ones are queued again. Then every app is
 * reconciled (its containers brought to its records, its routes announced again), behind that work.
 */
@ApplicationScoped
public class Recovery {
    private static final Logger LOG = Logger.getLogger(Recovery.class);

    private final Releases releases;
    private final Rollout rollout;
    private final DeployLanes lanes;
    private final Reconciliation reconciliation;

    Recovery(Releases releases, Rollout rollout, DeployLanes lanes, Reconciliation reconciliation) {
        this.releases = releases;
        this.rollout = rollout;
        this.lanes = lanes;
        this.reconciliation = reconciliation;
    }

    // Before the event consumer starts (default priority), so new builds queue behind the recovered ones.
    void onStart(@Observes @Priority(1000) StartupEvent ignored) {
        recover();
        reconciliation.all(true);
    }

    public void recover() {
        var unfinished = releases.unfinished();
        // Switching first: such a release held its app's lane, and keeps it.
        for (Releases.Unfinished r : unfinished) {
            if (r.status() == ReleaseStatus.SWITCHING) {
                LOG.infof("%s v%d was waiting for the proxy when the service stopped; waiting again", r.app(), r.version());
                lanes.resume(r.app(), r.releaseId());
            }
        }
        for (Releases.Unfinished r : unfinished) {
            if (r.status() == ReleaseStatus.STARTING) {
                try {
                    rollout.abort(r.app(), r.releaseId(), from -> "deploy-service stopped while the release was starting");
                } catch (RuntimeException e) {
                    // The engine or the database is not there yet: the lane's deadline tries again.
                    LOG.errorf(e, "%s v%d could not be settled now", r.app(), r.version());
                    lanes.resume(r.app(), r.releaseId());
                }
            }
        }
        for (Releases.Unfinished r : unfinished) {
            if (r.status() == ReleaseStatus.PENDING) {
                lanes.enqueue(r.app(), r.releaseId());
            }
        }
    }
}
