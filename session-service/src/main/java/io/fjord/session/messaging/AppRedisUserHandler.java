package io.fjord.session.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.events.AppCreated;
import io.fjord.events.AppDestroyed;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.EventHandler;
import io.fjord.session.access.AppNames;
import io.fjord.session.apps.AppRedisUsers;

/** An app's Redis ACL user follows the app: made on app.created, deleted on app.destroyed. */
@ApplicationScoped
public class AppRedisUserHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(AppRedisUserHandler.class);

    private final AppRedisUsers users;

    AppRedisUserHandler(AppRedisUsers users) {
        this.users = users;
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of(RoutingKeys.APP_CREATED, RoutingKeys.APP_DESTROYED);
    }

    @Override
    public void handle(CloudEvent event) {
        boolean created = event.routingKey().equals(RoutingKeys.APP_CREATED);
        String app = created ? EventJson.data(event, AppCreated.class).app()
                : EventJson.data(event, AppDestroyed.class).app();
        if (!AppNames.isValid(app)) {
            LOG.debugf("event %s names no valid app; nothing to do", event.id());
            return;
        }
        if (created) {
            users.created(app);
        } else {
            users.destroyed(app);
        }
    }
}
