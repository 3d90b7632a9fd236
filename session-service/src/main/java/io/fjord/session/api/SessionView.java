package io.fjord.session.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.session.store.Session;

/** A session as the API shows it; it expires at {@code expiresAt} unless it is read or written before. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(String id, String userId, ObjectNode data, long ttl, Instant expiresAt) {

    static SessionView of(Session session) {
        return new SessionView(session.id(), session.userId(), session.data(), session.ttl(),
                Instant.now().plusSeconds(session.ttl()).truncatedTo(ChronoUnit.SECONDS));
    }
}
