package io.fjord.build.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the apps' bare repositories live and what their pre-receive hook talks to. */
@ConfigMapping(prefix = "fjord.git")
public interface GitConfig {

    /** Holds one bare repository per app, {@code <root>/<app>.git}. */
    @WithDefault("/var/lib/fjord/git")
    Path root();

    /**
     * The group that may push into the repositories besides their owner: the git user's, for pushes over
     * SSH. Unset: only the user build-service runs as.
     */
    Optional<String> group();

    Hook hook();

    interface Hook {
        /** build-service as the hook reaches it (the hook runs on this host). */
        @WithDefault("http://127.0.0.1:8081")
        String buildUrl();

        /** deploy-service, polled for the release of the pushed build. */
        @WithDefault("http://127.0.0.1:8082")
        String deployUrl();

        /** Apps answer at {@code http://<app>.<domain>/}. */
        @WithDefault("fjord.localhost")
        String domain();

        /** How long a push waits for its release to go live before it gives up. */
        @WithDefault("180s")
        Duration releaseTimeout();
    }
}
