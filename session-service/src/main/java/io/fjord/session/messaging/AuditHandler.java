package io.fjord.session.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.events.CloudEvent;
import io.fjord.platform.bus.EventHandler;
import io.fjord.session.audit.AuditLog;

/** Every event of the bus goes into the audit trail: the queue is bound with {@code #}. */
@ApplicationScoped
public class AuditHandler implements EventHandler {
    private final AuditLog audit;

    AuditHandler(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of("#");
    }

    @Override
    public void handle(CloudEvent event) {
        audit.record(event);
    }
}
