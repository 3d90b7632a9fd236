package io.fjord.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes and reads envelopes, so every service encodes events the same way. */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            // Newer producers may add fields; older consumers must still read the event.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EventJson() {
    }

    public static CloudEvent envelope(String source, String routingKey, String subject, Object data) {
        return envelope(source, routingKey, subject, data, null, null);
    }

    /** An envelope naming who caused it ({@code actor}, never a credential) and from which address. */
    public static CloudEvent envelope(String source, String routingKey, String subject, Object data,
            String actor, String actorIp) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source,
                Bus.typeOf(routingKey), subject, Instant.now().toString(), "application/json",
                MAPPER.valueToTree(data), actor, actorIp);
    }

    public static byte[] write(CloudEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an envelope; throws {@link IllegalArgumentException} on anything that is not one. */
    public static CloudEvent read(byte[] body) {
        try {
            CloudEvent event = MAPPER.readValue(body, CloudEvent.class);
            if (event.id() == null || event.type() == null || !CloudEvent.SPEC_VERSION.equals(event.specversion())) {
                throw new IllegalArgumentException("not a CloudEvents 1.0 envelope");
            }
            return event;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable event", e);
        }
    }

    public static <T> T data(CloudEvent event, Class<T> type) {
        try {
            return MAPPER.treeToValue(event.data(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("event " + event.id() + " has no valid " + type.getSimpleName(), e);
        }
    }
}
