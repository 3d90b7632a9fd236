package io.fjord.deploy.docker;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * The logs of an app's containers (stdout and stderr) as one stream of tagged lines. Following, it ends
 * when the last container stops or the client goes away; either way the engine's streams are closed.
 */
@ApplicationScoped
public class LogStreams {
    private final DockerClient docker;

    LogStreams(DockerClient docker) {
        this.docker = docker;
    }

    public Multi<String> lines(List<Containers.AppContainer> sources, boolean follow, int tail) {
        return Multi.createFrom().emitter(emitter -> {
            if (sources.isEmpty()) {
                emitter.complete();
                return;
            }
            List<Closeable> streams = new CopyOnWriteArrayList<>();
            emitter.onTermination(() -> streams.forEach(LogStreams::closeQuietly));
            AtomicInteger open = new AtomicInteger(sources.size());
            for (Containers.AppContainer source : sources) {
                LogLines lines = new LogLines(source.process(), source.n(), source.shortId());
                Closeable stream = docker.logContainerCmd(source.id()).withStdOut(true).withStdErr(true)
                        .withFollowStream(follow).withTail(tail)
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                                emit(emitter, lines.accept(frame.getPayload()));
                            }

                            @Override
                            public void onComplete() {
                                ended();
                            }

                            @Override
                            public void onError(Throwable error) {
                                // A container removed meanwhile ends its part of the stream, not the others.
                                ended();
                            }

                            private void ended() {
                                emit(emitter, lines.flush());
                                if (open.decrementAndGet() == 0) {
                                    emitter.complete();
                                }
                            }
                        });
                streams.add(stream);
                if (emitter.isCancelled()) {
                    // The client left while the streams were being opened.
                    closeQuietly(stream);
                }
            }
        });
    }

    /** One container's lines at a time, so lines of two containers never interleave. */
    private static void emit(MultiEmitter<? super String> emitter, List<String> lines) {
        synchronized (emitter) {
            lines.forEach(emitter::emit);
        }
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // The stream is going away anyway.
        }
    }
}
