package io.fjord.deploy.docker;

import io.smallrye.config.ConfigMapping;

/** Where the Docker engine is, and the network Fjord's app containers live on. */
@ConfigMapping(prefix = "fjord.docker")
public interface DockerConfig {

    /** e.g. {@code unix:///var/run/docker.sock}. */
    String host();

    /** The user-defined bridge network nginx reaches the web containers on (created when missing). */
    String network();
}
