package io.fjord.build.builds;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * The text of a running build's log, in memory, for any number of readers: each one gets everything
 * written so far, then the rest as it comes, and completes when the log ends.
 */
public final class LiveLog {
    private final List<String> chunks = new ArrayList<>();
    private final Set<MultiEmitter<? super String>> readers = new LinkedHashSet<>();
    private boolean ended;

    public synchronized void append(String text) {
        if (ended) {
            throw new IllegalStateException("the log has ended");
        }
        chunks.add(text);
        // Emitters buffer, so a slow reader never holds up the build. A copy: a reader may leave meanwhile.
        List.copyOf(readers).forEach(reader -> reader.emit(text));
    }

    public synchronized void end() {
        ended = true;
        List<MultiEmitter<? super String>> ending = List.copyOf(readers);
        readers.clear();
        ending.forEach(MultiEmitter::complete);
    }

    public Multi<String> follow() {
        return Multi.createFrom().emitter(reader -> {
            synchronized (this) {
                chunks.forEach(reader::emit);
                if (ended) {
                    reader.complete();
                } else {
                    readers.add(reader);
                    reader.onTermination(() -> forget(reader));
                }
            }
        });
    }

    private synchronized void forget(MultiEmitter<? super String> reader) {
        readers.remove(reader);
    }
}
