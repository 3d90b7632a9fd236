package io.fjord.deploy.release;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How deploys run. */
@ConfigMapping(prefix = "fjord.deploy")
public interface DeployConfig {

    /** Apps answer at {@code http://<app>.<domain>/}. */
    @WithDefault("fjord.localhost")
    String domain();

    /**
     * The longest one deploy may hold its app's lane, from the start of its rollout until the proxy
     * answers; after it the release fails and its containers are removed.
     */
    @WithDefault("120s")
    Duration timeout();

    /** Rollouts that may run at once (of different apps: an app has one at a time). */
    @WithDefault("8")
    int workers();

    /** Lines of a failed container's output kept with its release. */
    @WithDefault("50")
    int logLines();

    /** Releases whose images are kept for rollbacks; older images are removed. */
    @WithDefault("5")
    int keepReleases();

    /** How often the containers are compared with the records ("off" in tests, which run it themselves). */
    @WithDefault("30s")
    String reconcileInterval();

    /** The most containers of one process type. */
    @WithDefault("20")
    int formationMax();

    Health health();

    Container container();

    /** The HTTP check a new web container must pass before it gets traffic. */
    interface Health {
        @WithDefault("/up")
        String path();

        @WithDefault("30")
        int attempts();

        /** Pause between two attempts. */
        @WithDefault("1s")
        Duration interval();

        /** Time one attempt may take. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** Limits and hygiene of every app container. */
    interface Container {
        @WithDefault("512M")
        MemorySize memory();

        @WithDefault("10m")
        String logMaxSize();

        @WithDefault("3")
        int logMaxFile();

        /** CPUs a container may use (0: no limit). */
        @WithDefault("1.0")
        double cpus();

        /** Processes and threads a container may have: a fork bomb stays inside it. */
        @WithDefault("512")
        long pidsLimit();

        /**
         * Time old containers keep running once the proxy routes elsewhere, to finish requests in flight,
         * before SIGTERM.
         */
        @WithDefault("5s")
        Duration drainTimeout();

        /** Between SIGTERM and SIGKILL when a release is retired. */
        @WithDefault("10s")
        Duration stopTimeout();

        @WithDefault("true")
        boolean init();
    }
}
