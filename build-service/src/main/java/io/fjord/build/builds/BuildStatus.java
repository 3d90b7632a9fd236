package io.fjord.build.builds;

import java.util.Locale;

/**
 * {@code queued} until a builder is free, {@code building}, then {@code succeeded}, {@code failed} (also on a
 * timeout) or {@code cancelled} (on request, or superseded by a newer build of the app while queued).
 */
public enum BuildStatus {
    QUEUED, BUILDING, SUCCEEDED, FAILED, CANCELLED;

    /** The form the API shows: {@code queued}, {@code building}, {@code succeeded}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
