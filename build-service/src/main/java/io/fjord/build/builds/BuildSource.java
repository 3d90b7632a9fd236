package io.fjord.build.builds;

import java.util.function.BooleanSupplier;

import io.fjord.build.source.Source;

/**
 * Where a queued build's source comes from: received and checked already (an upload, a git push), or
 * fetched once a builder is free (a webhook).
 */
public interface BuildSource {

    /**
     * The checked source, made ready on the build's worker. A source that cannot be used throws
     * {@link io.fjord.platform.api.ApiException} or {@link io.fjord.build.source.ArchiveRejected}, whose
     * message becomes the build's error. {@code stopped} turns true when the build is cancelled or times out.
     */
    Source prepare(BuildOutput output, BooleanSupplier stopped);

    /** The build was cancelled before it started: let go of whatever was received. */
    void discard();

    static BuildSource received(Source source) {
        return new BuildSource() {
            @Override
            public Source prepare(BuildOutput output, BooleanSupplier stopped) {
                return source;
            }

            @Override
            public void discard() {
                source.delete();
            }
        };
    }
}
