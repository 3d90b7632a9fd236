package io.fjord.proxy.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.events.AppDestroyed;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutesChanged;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.EventHandler;
import io.fjord.proxy.edge.EdgeApplier;
import io.fjord.proxy.edge.Outcome;
import io.fjord.proxy.nginx.NginxException;

/**
 * Route changes from deploy-service and destroyed apps. Applying takes a validation and a reload
 * (tens of milliseconds), short enough to wait for here: the event is then recorded as handled only after
 * the change was stored, and a crash in between redelivers it. Changes that several handler threads bring
 * at the same time are applied in one batch.
 */
@ApplicationScoped
public class RouteEvents implements EventHandler {

    private final EdgeApplier applier;

    RouteEvents(EdgeApplier applier) {
        this.applier = applier;
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of(RoutingKeys.ROUTES_CHANGED, RoutingKeys.APP_DESTROYED);
    }

    @Override
    public void handle(CloudEvent event) {
        if (RoutingKeys.ROUTES_CHANGED.equals(event.routingKey())) {
            applier.apply(EventJson.data(event, RoutesChanged.class));
        } else if (applier.remove(EventJson.data(event, AppDestroyed.class).app()) instanceof Outcome.Rejected rejected) {
            // The app would stay routed: to the dead-letter queue, with the reason in the log.
            throw new NginxException("the destroyed app could not be taken off the edge: " + rejected.reason());
        }
    }
}
