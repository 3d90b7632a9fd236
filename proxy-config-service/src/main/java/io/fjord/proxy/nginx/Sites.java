package io.fjord.proxy.nginx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.fjord.proxy.nginx.Site.Audience;
import io.fjord.proxy.nginx.Site.EdgeAuth;
import io.fjord.proxy.nginx.Site.Location;
import io.fjord.proxy.nginx.Site.Pool;
import io.fjord.proxy.nginx.Site.Secure;
import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.Upstream;

/** The routes of the platform: an app's site from its route, and the platform API's site. */
public final class Sites {
    /** The platform API's site id and the first label of its host name. */
    public static final String API = "api";
    /** Large enough for a source upload to build-service. */
    private static final String UPLOAD_SIZE = "256m";
    /** GitHub caps a webhook delivery at 25 MB. */
    private static final String WEBHOOK_SIZE = "25m";
    private static final String API_SIZE = "1m";

    private final String domain;
    private final String appMaxBodySize;
    private final PlatformServices services;
    private final String edgeSecret;

    /** The platform's own services, as nginx reaches them. */
    public record PlatformServices(Upstream build, Upstream deploy, Upstream proxyConfig, Upstream session) {
    }

    /** {@code edgeSecret}: when set, every API call is authorized by session-service first and carries it. */
    public Sites(String domain, String appMaxBodySize, PlatformServices services, String edgeSecret) {
        this.domain = domain;
        this.appMaxBodySize = appMaxBodySize;
        this.services = services;
        this.edgeSecret = edgeSecret;
    }

    public String hostOf(String app) {
        return app + "." + domain;
    }

    public String domain() {
        return domain;
    }

    public String defaultMaxBodySize() {
        return appMaxBodySize;
    }

    /**
     * An app: {@code <app>.<domain>} and its own domains to every web container; with none, the app's 503
     * page. Domains with a certificate are served over HTTPS; the ACME challenges over HTTP for all.
     */
    public Site app(AppRoute route) {
        String app = route.app();
        if (API.equals(app)) {
            throw new IllegalArgumentException("\"api\" is the platform API's host name, not an app's");
        }
        // The same container listed twice would get twice the traffic.
        Pool pool = new Pool("fjord_app_" + app, List.copyOf(new LinkedHashSet<>(route.upstreams())));
        List<String> plain = new ArrayList<>(List.of(hostOf(app)));
        List<Secure> secure = new ArrayList<>();
        for (String name : route.domains()) {
            if (route.certificate(name).isPresent()) {
                secure.add(new Secure(name, ConfigTree.certFile(app, name), ConfigTree.keyFile(app, name)));
            } else {
                plain.add(name);
            }
        }
        String maxBodySize = route.maxBodySize() == null ? appMaxBodySize : route.maxBodySize();
        return new Site(app, plain, List.of(new Location("/", pool, maxBodySize, false)), Audience.BROWSER, secure,
                route.maintenance(), true, null);
    }

    /** {@code api.<domain>}: each API path to the service that owns it. */
    public Site platformApi() {
        Pool build = new Pool("fjord_build_service", List.of(services.build()));
        Pool deploy = new Pool("fjord_deploy_service", List.of(services.deploy()));
        Pool proxyConfig = new Pool("fjord_proxy_config_service", List.of(services.proxyConfig()));
        Pool session = new Pool("fjord_session_service", List.of(services.session()));
        return new Site(API, List.of(API + "." + domain), List.of(
                // Regexes win over prefixes in nginx, so an app's builds and logs do not fall into /api/.
                new Location("~ ^/api/apps/[^/]+/(builds|webhook)", build, UPLOAD_SIZE, false),
                new Location("~ ^/api/apps/[^/]+/logs", deploy, API_SIZE, true),
                // An app's domains, certificates and edge settings belong to this service, not deploy-service.
                new Location("~ ^/api/apps/[^/]+/(domains|certs|maintenance|edge)", proxyConfig, API_SIZE, false),
                new Location("/api/builds", build, API_SIZE, true),
                new Location("/api/keys", build, API_SIZE, false),
                // Webhooks prove themselves with their signatures; login is how a credential is had.
                new Location("/webhooks/", build, WEBHOOK_SIZE, false, true),
                new Location("= /api/login", session, API_SIZE, false, true),
                new Location("/api/sessions", session, API_SIZE, false),
                new Location("/api/tokens", session, API_SIZE, false),
                new Location("/api/users", session, API_SIZE, false),
                new Location("/api/audit", session, API_SIZE, false),
                new Location("= /api/logout", session, API_SIZE, false),
                new Location("/api/routes", proxyConfig, API_SIZE, false),
                new Location("/api/", deploy, API_SIZE, false),
                new Location("/", null, API_SIZE, false, true)),
                Audience.API_CLIENT, edgeSecret == null ? null : new EdgeAuth(session, edgeSecret));
    }
}
