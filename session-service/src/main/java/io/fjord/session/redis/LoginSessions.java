package io.fjord.session.redis;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.session.identity.IdentityConfig;
import io.fjord.session.identity.TokenSecrets;
import io.fjord.session.store.SessionIds;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Browser login sessions in Redis: the cookie holds a random id (256 bits), the key is that id's
 * SHA-256 and the value the user's id. A copy of Redis thus holds no cookie anyone could present.
 * The expiry slides: every request made with the cookie keeps it alive for the idle timeout.
 */
@ApplicationScoped
public class LoginSessions {
    private final RedisDataSource redis;
    private final String prefix;
    private final String idleSeconds;

    LoginSessions(RedisDataSource redis, IdentityConfig config) {
        this.redis = redis;
        this.prefix = config.redisPrefix() + "login:";
        this.idleSeconds = Long.toString(config.loginIdleTimeout().toSeconds());
    }

    /** A new session for the user; its id goes into the cookie and nowhere else. */
    public String create(long userId) {
        while (true) {
            String id = SessionIds.newId();
            if (redis.execute("SET", key(id), Long.toString(userId), "EX", idleSeconds, "NX") != null) {
                return id;
            }
        }
    }

    /** The user of a live session, which this read keeps alive; empty when unknown, expired or malformed. */
    public Optional<Long> userId(String id) {
        if (!SessionIds.isValid(id)) {
            return Optional.empty();
        }
        Response user = redis.execute("GETEX", key(id), "EX", idleSeconds);
        return user == null ? Optional.empty() : Optional.of(user.toLong());
    }

    public void delete(String id) {
        if (SessionIds.isValid(id)) {
            redis.execute("DEL", key(id));
        }
    }

    private String key(String id) {
        return prefix + TokenSecrets.hash(id);
    }
}
