package io.fjord.session.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One session: the app's data, its ttl in seconds (the expiry slides back to it on every read), a
 * version that grows with every write (the source of the session's ETag), and the id of the user it
 * belongs to, or null: the handle for logging that user out everywhere. The user never changes.
 */
public record Session(String id, ObjectNode data, long ttl, long version, String userId) {
}
