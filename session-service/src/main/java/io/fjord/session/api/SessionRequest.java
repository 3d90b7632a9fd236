package io.fjord.session.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of a create or replace, {@code {"data": {...}, "ttl": seconds}}, as {@link SessionRequestReader}
 * accepted it. {@code ttl} is null when a replace keeps the session's current one.
 */
record SessionRequest(ObjectNode data, Long ttl) {
}
