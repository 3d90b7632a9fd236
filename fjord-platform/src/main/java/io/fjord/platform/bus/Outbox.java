package io.fjord.platform.bus;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.fjord.events.CloudEvent;
import io.fjord.platform.auth.Actor;
import io.quarkus.arc.Arc;
import io.fjord.events.EventJson;

/** Emits events as part of the caller's transaction: they are published only if it commits. */
@ApplicationScoped
public class Outbox {

    private final BusConfig config;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final Actor actor;

    Outbox(BusConfig config, OutboxRelay relay, TransactionSynchronizationRegistry transactions, Actor actor) {
        this.config = config;
        this.relay = relay;
        this.transactions = transactions;
        this.actor = actor;
    }

    /** Emits an event; when an API request causes it, the envelope names the request's actor. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent emit(String routingKey, String subject, Object data) {
        // Event handlers and workers run outside a request: their events have no actor.
        boolean inRequest = Arc.container().requestContext().isActive();
        CloudEvent event = EventJson.envelope(config.source(), routingKey, subject, data,
                inRequest ? actor.name() : null, inRequest ? actor.ip() : null);
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.routingKey = routingKey;
        row.envelope = new String(EventJson.write(event), StandardCharsets.UTF_8);
        row.persist();
        // Publish right after the commit instead of waiting for the relay's next round.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
        return event;
    }
}
