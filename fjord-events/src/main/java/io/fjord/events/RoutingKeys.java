package io.fjord.events;

/** Routing keys, {@code <aggregate>.<event>}; each names the record its data holds. */
public final class RoutingKeys {
    private RoutingKeys() {
    }

    /** {@link AppCreated} */
    public static final String APP_CREATED = "app.created";
    /** {@link AppDestroyed} */
    public static final String APP_DESTROYED = "app.destroyed";
    /** {@link BuildSucceeded} */
    public static final String BUILD_SUCCEEDED = "build.succeeded";
    /** {@link BuildFailed} */
    public static final String BUILD_FAILED = "build.failed";
    /** {@link ReleaseEvent} */
    public static final String RELEASE_CREATED = "release.created";
    /** {@link ReleaseEvent} */
    public static final String RELEASE_SUCCEEDED = "release.succeeded";
    /** {@link ReleaseEvent} */
    public static final String RELEASE_FAILED = "release.failed";
    /** {@link RoutesChanged} */
    public static final String ROUTES_CHANGED = "routes.changed";
    /** {@link RoutesApplied} */
    public static final String ROUTES_APPLIED = "routes.applied";
    /** {@link RoutesRejected} */
    public static final String ROUTES_REJECTED = "routes.rejected";
}
