package io.fjord.session.redis;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.session.identity.IdentityConfig;
import io.fjord.session.identity.LoginLocked;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Failed logins counted in Redis per user name and per client address. After {@code max-failures} in a
 * row, the name (or address) is locked for {@code first-lock}, and each further failure doubles the lock
 * up to {@code max-lock}. Counts are forgotten after {@code memory} without a failure, and a user's
 * count after a successful login (an address's count is not: one good account must not reset it).
 */
@ApplicationScoped
public class LoginThrottle {
    /** Counts a failure: KEYS[1] the count, KEYS[2] the lock; ARGV memory, max failures, first lock, max lock. */
    private static final String FAILED = """
            local failures = redis.call('INCR', KEYS[1])
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            local max = tonumber(ARGV[2])
            if failures < max then
              return 0
            end
            local lock = math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * 2 ^ math.min(failures - max, 30))
            redis.call('SET', KEYS[2], '1', 'EX', math.floor(lock))
            return math.floor(lock)
            """;
    /** An address as nginx gives it in X-Real-IP; anything else is counted as one unknown address. */
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final RedisDataSource redis;
    private final String prefix;
    private final IdentityConfig.Throttle config;

    LoginThrottle(RedisDataSource redis, IdentityConfig config) {
        this.redis = redis;
        this.prefix = config.redisPrefix() + "throttle:";
        this.config = config.throttle();
    }

    /** Refuses with 429 and the seconds to wait while the user name or the address is locked. */
    public void check(String user, String clientIp) {
        long waitMillis = 0;
        for (String subject : subjects(user, clientIp)) {
            waitMillis = Math.max(waitMillis, redis.execute("PTTL", prefix + "lock:" + subject).toLong());
        }
        if (waitMillis > 0) {
            throw new LoginLocked((waitMillis + 999) / 1000);
        }
    }

    public void failed(String user, String clientIp) {
        for (String subject : subjects(user, clientIp)) {
            redis.execute("EVAL", FAILED, "2", prefix + "failures:" + subject, prefix + "lock:" + subject,
                    Long.toString(config.memory().toSeconds()), Integer.toString(config.maxFailures()),
                    Long.toString(config.firstLock().toSeconds()), Long.toString(config.maxLock().toSeconds()));
        }
    }

    public void succeeded(String user) {
        redis.execute("DEL", prefix + "failures:user:" + user, prefix + "lock:user:" + user);
    }

    private static List<String> subjects(String user, String clientIp) {
        return List.of("user:" + user, "ip:" + (clientIp != null && IP.matcher(clientIp).matches() ? clientIp : "unknown"));
    }
}
