package io.fjord.deploy.release;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Runs its tasks one after the other, in order, on a shared pool: one app's lane of work. */
final class SerialExecutor implements Executor {
    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private Runnable running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                next();
            }
        });
        if (running == null) {
            next();
        }
    }

    private synchronized void next() {
        running = tasks.poll();
        if (running != null) {
            pool.execute(running);
        }
    }
}
