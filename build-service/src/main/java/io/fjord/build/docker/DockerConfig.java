package io.fjord.build.docker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fjord.docker")
public interface DockerConfig {

    /** The engine's API endpoint; the API version is left to negotiation (this engine speaks 1.41). */
    @WithDefault("unix:///var/run/docker.sock")
    String host();
}
