package io.fjord.platform.bus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service reaches RabbitMQ and which queue it consumes from. */
@ConfigMapping(prefix = "fjord.bus")
public interface BusConfig {

    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("5672")
    int port();

    @WithDefault("guest")
    String username();

    @WithDefault("guest")
    String password();

    @WithDefault("/")
    String virtualHost();

    /** CloudEvents {@code source} of what this service emits, e.g. {@code /fjord/build-service}. */
    String source();

    /** The service's durable queue; a service that consumes nothing still names one. */
    String queue();

    /** Events handled at once; each handler runs on its own worker thread. */
    @WithDefault("4")
    int consumers();

    /** How often the relay looks for unpublished events when nothing woke it. */
    @WithDefault("2s")
    java.time.Duration relayInterval();
}
