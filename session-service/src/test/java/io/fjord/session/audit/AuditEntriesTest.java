package io.fjord.session.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.events.AppCreated;
import io.fjord.events.EventJson;

class AuditEntriesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode envelope(String subject, Object data) {
        return mapper.valueToTree(EventJson.envelope("/fjord/deploy-service", "app.created", subject, data));
    }

    @Test
    void anEnvelopeWithTheEdgesAttributesNamesWhoAndFromWhere() {
        ObjectNode envelope = envelope("shop", new AppCreated("shop"));
        envelope.put("actor", "token:ci-shop").put("actorip", "203.0.113.9");
        AuditEntry entry = AuditEntries.of(envelope);
        assertEquals(envelope.get("id").asText(), entry.eventId);
        assertEquals("fjord.app.created", entry.type);
        assertEquals("shop", entry.app);
        assertEquals("token:ci-shop", entry.actor);
        assertEquals("203.0.113.9", entry.sourceIp);
        assertEquals("/fjord/deploy-service", entry.source);
        assertEquals("app=shop", entry.summary);
        assertEquals(Instant.parse(envelope.get("time").asText()).toEpochMilli(), entry.occurredAt.toEpochMilli());
    }

    @Test
    void withoutThemWhoIsUnknown() {
        AuditEntry entry = AuditEntries.of(envelope("shop", new AppCreated("shop")));
        assertNull(entry.actor);
        assertNull(entry.sourceIp);
    }

    @Test
    void theAppComesFromTheDataWhenThereIsNoSubjectAndMustBeAnAppName() {
        assertEquals("shop", AuditEntries.of(envelope(null, new AppCreated("shop"))).app);
        assertNull(AuditEntries.of(envelope(null, new AppCreated("Not An App"))).app);
        assertNull(AuditEntries.of(envelope("../etc", new AppCreated("shop"))).app);
    }

    @Test
    void aMissingOrBadTimeIsWhenItArrived() {
        ObjectNode envelope = envelope("shop", new AppCreated("shop"));
        envelope.put("time", "yesterday");
        Instant before = Instant.now().minusSeconds(1);
        assertTrue(AuditEntries.of(envelope).occurredAt.isAfter(before));
    }

    @Test
    void attributesAreCleanedAndCut() {
        ObjectNode envelope = envelope("shop", new AppCreated("shop"));
        envelope.put("actor", "user:ada\r\nX: y" + "z".repeat(200));
        AuditEntry entry = AuditEntries.of(envelope);
        assertEquals(100, entry.actor.length());
        assertTrue(entry.actor.startsWith("user:ada??X: y"));
    }
}
