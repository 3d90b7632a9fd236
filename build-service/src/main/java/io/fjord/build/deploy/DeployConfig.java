package io.fjord.build.deploy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** deploy-service, which owns the apps' config vars; build-service asks it for the build-time ones. */
@ConfigMapping(prefix = "fjord.deploy")
public interface DeployConfig {

    @WithDefault("http://127.0.0.1:8082")
    String url();

    /** How long an answer may take; a build whose build-time config cannot be read fails. */
    @WithDefault("5s")
    Duration timeout();
}
