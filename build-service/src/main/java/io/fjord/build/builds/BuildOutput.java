package io.fjord.build.builds;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Where a running build writes its log: to the {@link LiveLog} at once, and to the database in batches
 * (every 8 KiB or second of output), so little is lost if the service dies mid-build.
 */
public final class BuildOutput {
    private static final Logger LOG = Logger.getLogger(BuildOutput.class);
    private static final int FLUSH_CHARS = 8 * 1024;
    private static final long FLUSH_INTERVAL_NANOS = 1_000_000_000L;

    private final long buildId;
    private final LiveLog live;
    private final long maxDockerChars;
    private final Runnable onEnd;
    private final StringBuilder pending = new StringBuilder();
    private long dockerChars;
    private boolean truncated;
    private boolean ended;
    private long lastFlush = System.nanoTime();

    BuildOutput(long buildId, LiveLog live, long maxDockerChars, Runnable onEnd) {
        this.buildId = buildId;
        this.live = live;
        this.maxDockerChars = maxDockerChars;
        this.onEnd = onEnd;
    }

    /** Docker's output, as it arrives (pieces need not be whole lines); capped at the log size limit. */
    public synchronized void docker(String text) {
        if (truncated || ended) {
            return; // past the limit, or output of a build abandoned after its timeout
        }
        dockerChars += text.length();
        if (dockerChars > maxDockerChars) {
            truncated = true;
            append("\n[the rest of Docker's output is left out: a build log keeps at most "
                    + maxDockerChars / (1024 * 1024) + " MiB of it]\n");
            return;
        }
        append(text);
    }

    /** A line of the service's own, such as {@code -----> Procfile: web}; always kept. */
    public synchronized void note(String line) {
        append(line + "\n");
    }

    /** Stores what is left and tells the readers the log is complete. */
    public synchronized void end() {
        ended = true;
        flush();
        live.end();
        onEnd.run();
    }

    private void append(String text) {
        live.append(text);
        pending.append(text);
        if (pending.length() >= FLUSH_CHARS || System.nanoTime() - lastFlush >= FLUSH_INTERVAL_NANOS) {
            flush();
        }
    }

    private void flush() {
        lastFlush = System.nanoTime();
        if (pending.length() == 0) {
            return;
        }
        String text = pending.toString();
        try {
            QuarkusTransaction.requiringNew().run(() -> BuildLogChunk.append(buildId, text));
            pending.setLength(0);
        } catch (RuntimeException e) {
            // Kept pending: the next flush tries again, and the live readers already have the text.
            LOG.warnf("build %d: storing the log failed (%s); retrying with the next output", buildId, e.toString());
        }
    }
}
