package io.fjord.proxy.api;

import java.time.Instant;
import java.util.List;

import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.AppRoute.Cert;
import io.fjord.proxy.route.Upstream;

/**
 * A route as the API shows it: the app, the host it answers at, what serves it, and its edge: its own
 * domains, those served over HTTPS, maintenance and the largest request body.
 */
public record RouteView(String app, String host, long generation, List<Upstream> upstreams, List<String> domains,
        List<String> https, boolean maintenance, String maxBodySize) {

    static RouteView of(AppRoute route, String host, String defaultMaxBodySize) {
        return new RouteView(route.app(), host, route.generation(), route.upstreams(), route.domains(),
                route.certificates().stream().map(Cert::domain).toList(), route.maintenance(),
                route.maxBodySize() == null ? defaultMaxBodySize : route.maxBodySize());
    }
}
