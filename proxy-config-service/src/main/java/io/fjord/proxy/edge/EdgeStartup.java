package io.fjord.proxy.edge;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fjord.proxy.nginx.NginxException;
import io.quarkus.runtime.StartupEvent;

/** On start, the edge is rendered again from the route table, repairing any drift of the files on disk. */
@ApplicationScoped
class EdgeStartup {
    private static final Logger LOG = Logger.getLogger(EdgeStartup.class);

    private final EdgeApplier applier;

    EdgeStartup(EdgeApplier applier) {
        this.applier = applier;
    }

    // Before the event consumer (default priority) starts applying changes against the tree.
    void reconcile(@Observes @Priority(1000) StartupEvent ignored) {
        try {
            applier.reconcile();
        } catch (NginxException e) {
            LOG.errorf("THE EDGE WAS NOT UPDATED AT START: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("THE EDGE WAS NOT UPDATED AT START: rendering it from the route table failed", e);
        }
    }
}
