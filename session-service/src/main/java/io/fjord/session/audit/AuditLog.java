package io.fjord.session.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fjord.events.CloudEvent;
import io.quarkus.panache.common.Page;

/** The audit trail: every event of the bus, newest first when read. */
@ApplicationScoped
public class AuditLog {
    private final ObjectMapper mapper;

    AuditLog(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Records the event once; runs in the consumer's transaction. */
    public void record(CloudEvent event) {
        if (AuditEntry.count("eventId", event.id()) == 0) {
            AuditEntries.of(mapper.valueToTree(event)).persist();
        }
    }

    /** The newest {@code limit} entries, of one app when {@code app} is not null. */
    public List<AuditEntry> newest(String app, int limit) {
        var query = app == null ? AuditEntry.<AuditEntry>find("order by id desc")
                : AuditEntry.<AuditEntry>find("app = ?1 order by id desc", app);
        return query.page(Page.ofSize(limit)).list();
    }
}
