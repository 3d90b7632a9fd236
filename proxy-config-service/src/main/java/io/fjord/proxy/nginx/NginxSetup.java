package io.fjord.proxy.nginx;

import io.fjord.platform.auth.AuthConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.sun.management.UnixOperatingSystemMXBean;

import io.fjord.proxy.nginx.Sites.PlatformServices;
import io.fjord.proxy.route.Upstream;

/** The pure parts of the edge, made from the settings once. */
@ApplicationScoped
public class NginxSetup {
    private static final int MAX_FILES = 65536;

    @Produces
    @Singleton
    EdgeSettings settings(NginxConfig config) {
        // nginx resolves relative paths against its own prefix, not our working directory.
        return new EdgeSettings(config.listen(), config.listenTls(), absolute(config.dir()), absolute(config.errorLog()),
                absolute(config.accessLog()), fileLimit());
    }

    /**
     * 65536, or less where nginx (started by this process, with its limits) cannot get that many: without
     * the capability to raise its hard limit, as in most containers, nginx would log an alert for every
     * worker it starts.
     */
    private static int fileLimit() {
        long own = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
        return (int) Math.min(MAX_FILES, own);
    }

    @Produces
    @Singleton
    NginxRenderer renderer(EdgeSettings settings) {
        return new NginxRenderer(settings);
    }

    @Produces
    @Singleton
    Sites sites(NginxConfig config, AuthConfig auth) {
        NginxConfig.Services services = config.services();
        return new Sites(config.domain(), config.appMaxBodySize(), new PlatformServices(
                Upstream.parse(services.build()), Upstream.parse(services.deploy()),
                Upstream.parse(services.proxyConfig()), Upstream.parse(services.session())),
                auth.enabled() ? auth.edgeSecret().orElseThrow() : null);
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
