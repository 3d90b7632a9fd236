package io.fjord.proxy.messaging;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.events.AppCreated;
import io.fjord.events.AppDestroyed;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.EventHandler;
import io.fjord.proxy.nginx.NginxSyntax;
import io.fjord.proxy.route.App;

/**
 * The apps that exist, as deploy-service announces them: the API answers 404 for an app not created. (Its
 * route, domains and certificates go when {@link RouteEvents} takes a destroyed app off the edge.)
 */
@ApplicationScoped
public class AppEvents implements EventHandler {
    private static final Logger LOG = Logger.getLogger(AppEvents.class);

    @Override
    public Set<String> routingKeys() {
        return Set.of(RoutingKeys.APP_CREATED, RoutingKeys.APP_DESTROYED);
    }

    @Override
    public void handle(CloudEvent event) {
        if (RoutingKeys.APP_CREATED.equals(event.routingKey())) {
            String name = EventJson.data(event, AppCreated.class).app();
            if (!NginxSyntax.isAppName(name)) {
                LOG.debug("ignored app.created for an invalid app name");
            } else {
                // Events come at least once, and handlers run side by side: a second one must not fail.
                App.getEntityManager().createNativeQuery("INSERT IGNORE INTO app (name, created_at) VALUES (?1, ?2)")
                        .setParameter(1, name).setParameter(2, Instant.now()).executeUpdate();
            }
        } else {
            App.delete("name", EventJson.data(event, AppDestroyed.class).app());
        }
    }
}
