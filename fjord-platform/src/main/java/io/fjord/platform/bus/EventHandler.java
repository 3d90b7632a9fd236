package io.fjord.platform.bus;

import java.util.Set;

import io.fjord.events.CloudEvent;

/**
 * Handles events of the routing keys it names. The consumer calls it inside a transaction that also
 * records the event id, so a redelivered event is not handled twice; a handler that throws sends the
 * message to the service's dead-letter queue.
 */
public interface EventHandler {

    Set<String> routingKeys();

    void handle(CloudEvent event);
}
