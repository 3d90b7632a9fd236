package io.fjord.session.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.session.identity.TokenSecrets;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Redis ACL users of apps. An app's user reads and writes keys under its prefix only, with the commands
 * of data types, key expiry and transactions; everything that reaches beyond its keys is taken away:
 * the dangerous commands (KEYS, FLUSHALL, CONFIG, MONITOR, ...); SCAN, RANDOMKEY and DBSIZE, which
 * Redis does not filter by key pattern and which would show other apps' key names (session ids are
 * bearer secrets); CLIENT TRACKING, whose broadcast mode announces changed keys by prefix; FUNCTION,
 * which @write lets load and flush the server-wide function libraries. No pub/sub channels, no scripts.
 */
@ApplicationScoped
public class RedisAcl {
    private static final Logger LOG = Logger.getLogger(RedisAcl.class);
    private static final List<String> COMMANDS = List.of("resetchannels", "+@read", "+@write",
            "+@keyspace", "+@connection", "+@transaction", "-@dangerous", "-scan", "-randomkey", "-dbsize",
            "-function", "-client|tracking");

    private final RedisDataSource redis;
    private final AtomicBoolean warnedNoAclFile = new AtomicBoolean();

    RedisAcl(RedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Creates or resets {@code user} with {@code password} on keys starting with {@code keyPrefix}. Redis
     * gets only the password's SHA-256 ({@code #<hash>}), so the password is not in its command stream.
     */
    public void setUser(String user, String password, String keyPrefix) {
        List<String> args = new ArrayList<>(List.of("SETUSER", user, "reset", "on", "#" + TokenSecrets.hash(password),
                "~" + keyPrefix + "*"));
        args.addAll(COMMANDS);
        redis.execute("ACL", args.toArray(String[]::new));
    }

    public void deleteUser(String user) {
        redis.execute("ACL", "DELUSER", user);
    }

    /**
     * Writes the users to Redis' ACL file so that they outlive a Redis restart. A Redis without an ACL
     * file (not configured as fjord-redis.conf says) keeps them until it restarts; the service puts them
     * back when it starts.
     */
    public void save() {
        try {
            redis.execute("ACL", "SAVE");
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("not configured to use an ACL file")) {
                if (warnedNoAclFile.compareAndSet(false, true)) {
                    LOG.warn("Redis has no aclfile: the apps' Redis users are lost when Redis restarts, until this"
                            + " service starts again (see fjord-redis.conf)");
                }
                return;
            }
            throw e;
        }
    }
}
