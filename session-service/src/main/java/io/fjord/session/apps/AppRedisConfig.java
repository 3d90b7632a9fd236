package io.fjord.session.apps;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Redis that apps use directly: how their containers reach it and how their ACL users are named. */
@ConfigMapping(prefix = "fjord.app-redis")
public interface AppRedisConfig {

    /**
     * The master secret the apps' Redis passwords are derived from ({@code FJORD_REDIS_APP_SECRET}); at
     * least 32 characters. Changing it (and restarting) gives every app a new password. Without it, apps
     * are recorded but get their Redis users only at the first start that has it.
     */
    Optional<String> secret();

    /** Redis as an app container reaches it: the host's address on the Docker bridge. */
    @WithDefault("172.17.0.1")
    String host();

    @WithDefault("6379")
    int port();

    /** ACL user of an app: this prefix and the app's name. Tests use their own. */
    @WithDefault("app-")
    String userPrefix();

    /** An app may touch only keys starting with this prefix, its name and a colon. Tests use their own. */
    @WithDefault("app:")
    String keyPrefix();
}
