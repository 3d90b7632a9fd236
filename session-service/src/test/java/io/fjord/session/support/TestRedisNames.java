package io.fjord.session.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test run its own names in the shared Redis (login and throttle keys, apps' ACL users and
 * keys) and removes all of them when the service stops: apps created by other services' tests arrive on
 * the test bus too, and their ACL users must not outlive the run.
 */
public class TestRedisNames implements QuarkusTestResourceLifecycleManager {
    private String run;

    @Override
    public Map<String, String> start() {
        run = UUID.randomUUID().toString().substring(0, 8);
        return Map.of(
                "fjord.identity.redis-prefix", identityPrefix(),
                "fjord.app-redis.user-prefix", userPrefix(),
                "fjord.app-redis.key-prefix", appKeyPrefix());
    }

    private String identityPrefix() {
        return "fjord-test:identity:" + run + ":";
    }

    private String userPrefix() {
        return "fjord-test-" + run + "-app-";
    }

    private String appKeyPrefix() {
        return "fjord-test:" + run + ":app:";
    }

    @Override
    public void stop() {
        try (Resp redis = admin()) {
            for (String user : list(redis.call("ACL", "USERS"))) {
                if (user.startsWith(userPrefix())) {
                    redis.call("ACL", "DELUSER", user);
                }
            }
            for (String prefix : List.of(identityPrefix(), appKeyPrefix())) {
                deleteKeys(redis, prefix);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The machine's Redis as its default user, the way the tests' environment gives it. */
    public static Resp admin() throws IOException {
        Resp redis = Resp.connect("127.0.0.1", 6379);
        String password = System.getenv("FJORD_REDIS_PASSWORD");
        if (password != null && !password.isEmpty()) {
            String answer = redis.call("AUTH", password);
            if (!answer.equals("OK")) {
                redis.close();
                throw new IOException("Redis refused FJORD_REDIS_PASSWORD: " + answer);
            }
        }
        return redis;
    }

    /** Deletes the keys under a prefix that holds no glob characters. */
    public static void deleteKeys(Resp redis, String prefix) throws IOException {
        String cursor = "0";
        do {
            // The reply is [cursor, [keys...]] in the text form of Resp.
            String reply = redis.call("SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
            int split = reply.indexOf(", ");
            cursor = reply.substring(1, split);
            for (String key : list(reply.substring(split + 2, reply.length() - 1))) {
                redis.call("DEL", key);
            }
        } while (!cursor.equals("0"));
    }

    /** The items of an array reply in Resp's text form, "[a, b]"; our names hold no ", ". */
    public static List<String> list(String arrayReply) {
        String inner = arrayReply.substring(1, arrayReply.length() - 1);
        return inner.isEmpty() ? List.of() : new ArrayList<>(List.of(inner.split(", ")));
    }
}
