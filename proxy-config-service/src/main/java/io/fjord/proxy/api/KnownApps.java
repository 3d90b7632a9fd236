package io.fjord.proxy.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.platform.api.ApiException;
import io.fjord.proxy.nginx.NginxSyntax;
import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.RouteTable;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** An app named in a URL: a name of the app rule that deploy-service created, else 404. */
@ApplicationScoped
class KnownApps {

    private final RouteTable table;

    KnownApps(RouteTable table) {
        this.table = table;
    }

    /** The app's stored route. */
    AppRoute route(String app) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!NginxSyntax.isAppName(app) || !table.known(app)) {
                throw ApiException.notFound("no app is named " + (NginxSyntax.isAppName(app) ? app : "like that"));
            }
            return table.load(app);
        });
    }
}
