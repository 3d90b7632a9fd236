package io.fjord.events;

import java.util.List;

/**
 * The web upstreams an app should be served by. {@code generation} increases with every change of the
 * app's routes, so the answer ({@link RoutesApplied} or {@link RoutesRejected}) can be matched to it and
 * stale changes ignored.
 */
public record RoutesChanged(String app, long generation, List<Upstream> upstreams) {

    /** One web container: its address on Fjord's network and the port it listens on. */
    public record Upstream(String host, int port) {
    }
}
