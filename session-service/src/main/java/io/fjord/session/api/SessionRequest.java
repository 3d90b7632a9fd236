package io.fjord.session.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of a create or replace, {@code {"data": {...}, "ttl": seconds, "userId": "..."}}, as
 * {@link SessionRequestReader} accepted it. {@code ttl} is null when a replace keeps the session's current
 * one; {@code userId} is null when the session belongs to no one in particular (and always on a replace).
 */
record SessionRequest(ObjectNode data, Long ttl, String userId) {
}
