package io.fjord.deploy.session;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where session-service hands out each app's Redis credentials. */
@ConfigMapping(prefix = "fjord.session-store")
public interface SessionStoreConfig {
    /** session-service's base URL on loopback; unset, releases get no REDIS_URL. */
    Optional<String> url();

    @WithDefault("5s")
    Duration timeout();
}
