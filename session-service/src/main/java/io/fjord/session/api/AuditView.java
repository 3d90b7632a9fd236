package io.fjord.session.api;

import java.time.Instant;

import io.fjord.session.audit.AuditEntry;

/** One entry of the audit trail. */
public record AuditView(long id, String eventId, String type, String app, String actor, String sourceIp,
        String source, Instant time, String summary) {

    static AuditView of(AuditEntry entry) {
        return new AuditView(entry.id, entry.eventId, entry.type, entry.app, entry.actor, entry.sourceIp, entry.source,
                entry.occurredAt, entry.summary);
    }
}
