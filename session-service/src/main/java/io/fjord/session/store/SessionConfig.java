package io.fjord.session.store;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where sessions live in Redis and the limits every session obeys. */
@ConfigMapping(prefix = "fjord.session")
public interface SessionConfig {

    /** Prefix of every session key; tests use their own so they never touch real sessions. */
    @WithDefault("fjord:session:")
    String keyPrefix();

    /** The ttl of a session created without one. */
    @WithDefault("30m")
    Duration defaultTtl();

    /** The longest ttl a session may ask for. */
    @WithDefault("30d")
    Duration maxTtl();

    /** The largest session, counted as the stored JSON (data plus its small header) in bytes. */
    @WithDefault("64K")
    MemorySize maxSize();
}
