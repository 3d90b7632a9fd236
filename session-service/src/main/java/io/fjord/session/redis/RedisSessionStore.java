package io.fjord.session.redis;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongPredicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.platform.api.ApiException;
import io.fjord.session.access.Scope;
import io.fjord.session.store.Session;
import io.fjord.session.store.SessionConfig;
import io.fjord.session.store.SessionIds;
import io.fjord.session.store.SessionPolicy;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Sessions in Redis, one string value per session under {@code <prefix><id>} with the session's ttl as
 * its expiry. The sessions of a user are also listed in a set under {@code <prefix>user:<hash of the
 * user id>} that lives as long as the longest of them, for logging the user out everywhere. An id that
 * does not have the form of ours is unknown here and never reaches Redis.
 */
@ApplicationScoped
public class RedisSessionStore {
    /** Writes without If-Match retry this often when other writes keep coming first. */
    private static final int WRITE_ATTEMPTS = 5;

    private final RedisDataSource redis;
    private final SessionCodec codec;
    private final SessionPolicy policy;
    private final String prefix;

    RedisSessionStore(RedisDataSource redis, SessionCodec codec, SessionPolicy policy, SessionConfig config) {
        this.redis = redis;
        this.codec = codec;
        this.policy = policy;
        this.prefix = config.keyPrefix();
    }

    /** A new session in {@code space} (see {@link #space}); {@code userId} may be null. */
    public Session create(String space, ObjectNode data, long ttl, String userId) {
        while (true) {
            Session session = new Session(SessionIds.newId(), data, ttl, 1, userId);
            String stored = encodeWithinLimit(session);
            // NX: a collision of 256 random bits will not happen, but if it did it must not overwrite.
            Response created = userId == null
                    ? redis.execute("EVAL", SessionScripts.CREATE, "1", key(space, session.id()), prefix + space,
                            stored, Long.toString(ttl))
                    : redis.execute("EVAL", SessionScripts.CREATE, "2", key(space, session.id()),
                            userIndex(space, userId), prefix + space, stored, Long.toString(ttl), session.id());
            if (created.toLong() == 1) {
                return session;
            }
        }
    }

    /** Log out everywhere: deletes every session of the user; the number deleted. */
    public long deleteAllOf(String space, String userId) {
        return redis.execute("EVAL", SessionScripts.DELETE_USER_SESSIONS, "1", userIndex(space, userId), prefix + space)
                .toLong();
    }

    /** The session, with its expiry slid back to its full ttl; empty when unknown or expired. */
    public Optional<Session> read(String space, String id) {
        if (!SessionIds.isValid(id)) {
            return Optional.empty();
        }
        Response stored = redis.execute("EVAL", SessionScripts.READ_AND_TOUCH, "1", key(space, id), prefix + space);
        return stored == null ? Optional.empty() : Optional.of(codec.decode(id, stored.toString()));
    }

    /**
     * Replaces the data, and the ttl when {@code ttl} is not null, if {@code precondition} accepts the
     * current version (If-Match); the write is a compare-and-set on the version it checked.
     */
    public Session replace(String space, String id, ObjectNode data, Long ttl, LongPredicate precondition) {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Session current = current(space, id).orElseThrow(RedisSessionStore::unknown);
            if (!precondition.test(current.version())) {
                throw new ApiException(412, "the session has changed: If-Match does not match its current ETag");
            }
            Session next = new Session(id, data, ttl == null ? current.ttl() : ttl, current.version() + 1,
                    current.userId());
            long written = redis.execute("EVAL", SessionScripts.REPLACE_IF_VERSION, "1", key(space, id),
                    Long.toString(current.version()), encodeWithinLimit(next), Long.toString(next.ttl()),
                    prefix + space).toLong();
            if (written == 1) {
                return next;
            }
            if (written == 0) {
                throw unknown();
            }
            // Another write came first: check the precondition again against the version it made.
        }
        throw ApiException.conflict("the session is being changed by other requests; try again");
    }

    /** Deletes the session; false when there was none. */
    public boolean delete(String space, String id) {
        return SessionIds.isValid(id) && redis.execute("DEL", key(space, id)).toLong() == 1;
    }

    /** The stored session without touching its expiry: a write sets the expiry itself. */
    private Optional<Session> current(String space, String id) {
        if (!SessionIds.isValid(id)) {
            return Optional.empty();
        }
        Response stored = redis.execute("GET", key(space, id));
        return stored == null ? Optional.empty() : Optional.of(codec.decode(id, stored.toString()));
    }

    private String encodeWithinLimit(Session session) {
        String stored = codec.encode(session);
        policy.checkSize(stored.getBytes(StandardCharsets.UTF_8).length);
        return stored;
    }

    /**
     * The key space of a caller: {@code app:<app>:} for a token with an {@code app:<app>:sessions} scope, so
     * one app never reaches another's sessions, nor logs out another's users; empty for the platform-wide
     * {@code sessions} scope (and where the edge check is off). Session ids never contain a colon, so no
     * key of one space is a key of another.
     */
    public static String space(String role) {
        return Scope.of(role).filter(scope -> scope.kind() == Scope.Kind.APP_SESSIONS)
                .map(scope -> "app:" + scope.app() + ":").orElse("");
    }

    private String key(String space, String id) {
        return prefix + space + id;
    }

    private String userIndex(String space, String userId) {
        return prefix + space + "user:" + SessionCodec.userHash(userId);
    }

    public static ApiException unknown() {
        return ApiException.notFound("no such session; it may have expired");
    }
}
