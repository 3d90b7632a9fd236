package io.fjord.build.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.build.app.AppNames;
import io.fjord.build.app.Apps;
import io.fjord.events.AppCreated;
import io.fjord.events.AppDestroyed;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.EventHandler;

/** deploy-service's app.created / app.destroyed, which keep this service's apps and repositories. */
@ApplicationScoped
public class AppEvents implements EventHandler {
    private static final Logger LOG = Logger.getLogger(AppEvents.class);

    private final Apps apps;

    AppEvents(Apps apps) {
        this.apps = apps;
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of(RoutingKeys.APP_CREATED, RoutingKeys.APP_DESTROYED);
    }

    @Override
    public void handle(CloudEvent event) {
        String app = switch (event.routingKey()) {
            case RoutingKeys.APP_CREATED -> EventJson.data(event, AppCreated.class).app();
            case RoutingKeys.APP_DESTROYED -> EventJson.data(event, AppDestroyed.class).app();
            default -> null;
        };
        // The name becomes a path and a Docker filter: never trust it unchecked.
        if (!AppNames.isValid(app)) {
            LOG.warnf("event %s names no valid app; ignored", event.id());
            return;
        }
        if (event.routingKey().equals(RoutingKeys.APP_CREATED)) {
            apps.created(app);
        } else {
            apps.destroyed(app);
        }
    }
}
