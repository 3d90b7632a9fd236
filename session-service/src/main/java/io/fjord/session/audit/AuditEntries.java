package io.fjord.session.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.session.access.AppNames;

/**
 * The audit entry of an event, from its envelope in JSON form. Extension attributes ({@code actor},
 * {@code actorip}, filled by producers from the edge's headers) are top-level members of the envelope,
 * so they are read from there as soon as envelopes carry them, and are simply null while they do not.
 */
public final class AuditEntries {
    static final String ACTOR = "actor";
    static final String ACTOR_IP = "actorip";

    private AuditEntries() {
    }

    public static AuditEntry of(JsonNode envelope) {
        AuditEntry entry = new AuditEntry();
        entry.eventId = envelope.path("id").asText();
        entry.type = envelope.path("type").asText();
        entry.app = appOf(envelope);
        entry.actor = text(envelope, ACTOR, 100);
        entry.sourceIp = text(envelope, ACTOR_IP, 45);
        entry.source = text(envelope, "source", 100);
        entry.occurredAt = timeOf(envelope);
        entry.summary = AuditSummary.of(envelope.get("data"));
        return entry;
    }

    /** The subject names the app; the data's {@code app} for an event without a subject. */
    private static String appOf(JsonNode envelope) {
        JsonNode subject = envelope.path("subject");
        String app = subject.isTextual() ? subject.asText() : envelope.path("data").path("app").asText(null);
        return AppNames.isValid(app) ? app : null;
    }

    /** When it happened by its producer's clock; when it arrived if the envelope does not say. */
    private static Instant timeOf(JsonNode envelope) {
        try {
            return Instant.parse(envelope.path("time").asText()).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** A text attribute without control characters, cut to the column; null when absent or empty. */
    private static String text(JsonNode envelope, String attribute, int maxLength) {
        JsonNode value = envelope.path(attribute);
        if (!value.isTextual() || value.asText().isEmpty()) {
            return null;
        }
        String clean = value.asText().replaceAll("\\p{Cntrl}", "?");
        return clean.length() > maxLength ? clean.substring(0, maxLength) : clean;
    }
}
