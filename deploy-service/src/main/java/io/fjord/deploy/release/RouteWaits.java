package io.fjord.deploy.release;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Routes announced by reconciliation or scaling (no release waits for them): whoever must know they are
 * applied before stopping containers waits here for the proxy's answer. An answer may come before the
 * wait begins, so both sides meet on the same future.
 */
@ApplicationScoped
public class RouteWaits {
    /** Answers nobody waits for (stale generations) are dropped beyond this many. */
    private static final int MAX_UNCLAIMED = 1000;

    private record Key(String app, long generation) {
    }

    private final Map<Key, CompletableFuture<Boolean>> answers = new ConcurrentHashMap<>();

    /** The proxy answered: applied, or rejected. */
    public void answer(String app, long generation, boolean applied) {
        if (answers.size() > MAX_UNCLAIMED) {
            answers.values().removeIf(CompletableFuture::isDone);
        }
        answers.computeIfAbsent(new Key(app, generation), key -> new CompletableFuture<>()).complete(applied);
    }

    /** True once the proxy applied the generation; false when it rejected it or did not answer in time. */
    public boolean await(String app, long generation, Duration timeout) throws InterruptedException {
        Key key = new Key(app, generation);
        try {
            return answers.computeIfAbsent(key, k -> new CompletableFuture<>()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } finally {
            answers.remove(key);
        }
    }
}
