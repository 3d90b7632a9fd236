package io.fjord.proxy.nginx;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The nginx edge this service renders, validates and reloads. */
@ConfigMapping(prefix = "fjord.nginx")
public interface NginxConfig {

    /** Fjord's own config tree: nginx.conf, platform/, apps/, the pid file and nginx's temp directories. */
    @WithDefault("/var/lib/fjord/nginx")
    Path dir();

    /** The nginx executable, looked up on the PATH unless absolute. */
    @WithDefault("nginx")
    String binary();

    /** Where the edge listens, as nginx's {@code listen} takes it: a port, or an IPv4 address and port. */
    @WithDefault("80")
    String listen();

    /**
     * Where the edge serves HTTPS for the names that have a certificate, as {@code listen} takes it. HTTP
     * requests for those names are redirected here.
     */
    @WithDefault("443")
    String listenTls();

    /** Apps answer at {@code <app>.<domain>}, the platform API at {@code api.<domain>}. */
    @WithDefault("fjord.localhost")
    String domain();

    @WithDefault("/var/log/fjord/nginx-error.log")
    Path errorLog();

    @WithDefault("/var/log/fjord/nginx-access.log")
    Path accessLog();

    /** The largest request body an app accepts through the edge (nginx size syntax). */
    @WithDefault("10m")
    String appMaxBodySize();

    /**
     * How long the applier waits after a change arrives for others to join it: changes that arrive
     * together are validated and reloaded once.
     */
    @WithDefault("10ms")
    Duration batchWindow();

    /** How long a start or reload may take until nginx's new workers run. */
    @WithDefault("10s")
    Duration reloadTimeout();

    /** The platform's services as the platform API routes to them, each {@code host:port}. */
    Services services();

    interface Services {
        @WithDefault("127.0.0.1:8081")
        String build();

        @WithDefault("127.0.0.1:8082")
        String deploy();

        @WithDefault("127.0.0.1:8083")
        String proxyConfig();

        @WithDefault("127.0.0.1:8084")
        String session();
    }
}
