package io.fjord.deploy.release;

import java.util.Locale;
import java.util.Set;

/**
 * The life of a release: pending (queued behind its app's lane), starting (container up, health check
 * running), switching (routes.changed sent, waiting for the proxy), then live, and retired when a newer
 * release goes live; failed from any step before live; superseded when a newer build arrives while it is
 * still pending.
 */
public enum ReleaseStatus {
    PENDING, STARTING, SWITCHING, LIVE, FAILED, RETIRED, SUPERSEDED;

    public Set<ReleaseStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(STARTING, FAILED, SUPERSEDED);
            case STARTING -> Set.of(SWITCHING, FAILED);
            case SWITCHING -> Set.of(LIVE, FAILED);
            case LIVE -> Set.of(RETIRED);
            case FAILED, RETIRED, SUPERSEDED -> Set.of();
        };
    }

    public boolean canMoveTo(ReleaseStatus target) {
        return next().contains(target);
    }

    /** Still on its way: it holds (or waits for) its app's lane. */
    public boolean inProgress() {
        return this == PENDING || this == STARTING || this == SWITCHING;
    }

    /** As the API shows it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
