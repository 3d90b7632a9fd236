package io.fjord.platform.bus;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;

import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Consumes the service's queue and gives each event to the handlers whose keys match its routing key
 * (exact keys, or topic patterns with {@code *} and {@code #} as the broker matches them), at most once
 * per event id. A message that cannot be read or handled is rejected and lands in the dead-letter queue.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final BusConnection bus;
    private final BusConfig config;
    private final Map<String, List<EventHandler>> handlers = new HashMap<>();
    private ExecutorService workers;
    private Channel channel;

    EventConsumer(BusConnection bus, BusConfig config, Instance<EventHandler> handlers) {
        this.bus = bus;
        this.config = config;
        for (EventHandler handler : handlers) {
            for (String key : handler.routingKeys()) {
                this.handlers.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(handler);
            }
        }
    }

    void start(@Observes StartupEvent ignored) throws IOException {
        channel = bus.openChannel();
        bus.declareTopology(channel, handlers.keySet());
        if (handlers.isEmpty()) {
            return;
        }
        workers = Executors.newFixedThreadPool(config.consumers(), runnable -> {
            Thread thread = new Thread(runnable, "event-handler");
            thread.setDaemon(true);
            return thread;
        });
        channel.basicQos(config.consumers());
        channel.basicConsume(config.queue(), false,
                (tag, delivery) -> workers.submit(() -> process(delivery)),
                tag -> LOG.warnf("consumer of %s was cancelled", config.queue()));
        LOG.infof("consuming %s for %s", config.queue(), handlers.keySet());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private void process(Delivery delivery) {
        long tag = delivery.getEnvelope().getDeliveryTag();
        CloudEvent event = null;
        try {
            event = EventJson.read(delivery.getBody());
            handle(event);
            channel.basicAck(tag, false);
        } catch (Exception e) {
            // The envelope never holds secrets, but its data might: log the id and type only.
            LOG.errorf(e, "event %s (%s) could not be handled; it goes to %s.dlq",
                    event == null ? "?" : event.id(), event == null ? "unreadable" : event.type(), config.queue());
            try {
                channel.basicReject(tag, false);
            } catch (IOException rejectFailed) {
                LOG.warn("rejecting the message failed; the broker will redeliver it", rejectFailed);
            }
        }
    }

    /**
     * Runs the handlers of one event in a transaction that first claims its id: a copy of the same event
     * handled at the same moment waits on that row and then finds it taken, and is acknowledged as done.
     */
    public void handle(CloudEvent event) {
        Set<EventHandler> forKey = handlersOf(event.routingKey());
        if (forKey.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (HandledEvent.findById(event.id()) != null) {
                    LOG.debugf("event %s was handled before; skipped", event.id());
                    return;
                }
                HandledEvent handled = new HandledEvent();
                handled.eventId = event.id();
                handled.routingKey = event.routingKey();
                try {
                    handled.persistAndFlush();
                } catch (jakarta.persistence.PersistenceException taken) {
                    throw new ClaimedElsewhere();
                }
                for (EventHandler handler : forKey) {
                    handler.handle(event);
                }
            });
        } catch (ClaimedElsewhere e) {
            LOG.debugf("event %s is handled by another copy; skipped", event.id());
        }
    }

    /** The event's id row could not be written: another copy of the event holds it. */
    private static final class ClaimedElsewhere extends RuntimeException {
        ClaimedElsewhere() {
            super(null, null, false, false);
        }
    }

    /** Each handler once, even when several of its keys match (e.g. {@code #} and {@code app.created}). */
    private Set<EventHandler> handlersOf(String routingKey) {
        Set<EventHandler> matching = new LinkedHashSet<>();
        handlers.forEach((pattern, forPattern) -> {
            if (RoutingKeyPattern.matches(pattern, routingKey)) {
                matching.addAll(forPattern);
            }
        });
        return matching;
    }
}
