package io.fjord.build.builds;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and resources of image builds. */
@ConfigMapping(prefix = "fjord.builds")
public interface BuildConfig {

    /** Builds run at once; more wait in line (status queued) until a builder is free. */
    @WithDefault("2")
    int concurrency();

    /** The largest tar.gz accepted; quarkus.http.limits.max-body-size follows it. */
    @WithDefault("256M")
    MemorySize maxUploadSize();

    /** The most the files of an archive may add up to once extracted. */
    @WithDefault("1G")
    MemorySize maxExpandedSize();

    /** Uploads are received and extracted below this folder; each build's folder is removed when it ends. */
    @WithDefault("/var/lib/fjord/build-work")
    Path workDir();

    /** A build still running after this long is stopped and fails ("timed out after ..."). */
    @WithDefault("30m")
    Duration timeout();

    /** The memory of each build container (a RUN step), swap included: none beyond it. */
    @WithDefault("2G")
    MemorySize memory();

    /** Docker output beyond this much is left out of the log (the build goes on). */
    @WithDefault("8M")
    MemorySize maxLogSize();
}
