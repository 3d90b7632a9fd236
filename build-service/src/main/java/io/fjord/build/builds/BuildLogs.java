package io.fjord.build.builds;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;

/** The logs of the builds running in this process, and the stored logs of all the others. */
@ApplicationScoped
public class BuildLogs {
    private final Map<Long, LiveLog> running = new ConcurrentHashMap<>();
    private final BuildConfig config;

    BuildLogs(BuildConfig config) {
        this.config = config;
    }

    /** Starts the log of a new build; readers can follow it from now on. */
    public BuildOutput open(long buildId) {
        LiveLog live = new LiveLog();
        running.put(buildId, live);
        return new BuildOutput(buildId, live, config.maxLogSize().asLongValue(), () -> running.remove(buildId));
    }

    /** The running build's log from its start, live until it ends; empty once the build is over. */
    public Optional<Multi<String>> follow(long buildId) {
        return Optional.ofNullable(running.get(buildId)).map(LiveLog::follow);
    }

    /** The whole stored log; call it inside a transaction. */
    public String stored(long buildId) {
        return BuildLogChunk.textOf(buildId);
    }
}
