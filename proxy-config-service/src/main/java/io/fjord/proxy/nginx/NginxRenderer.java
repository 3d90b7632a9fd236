package io.fjord.proxy.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.fjord.proxy.nginx.Site.Audience;
import io.fjord.proxy.nginx.Site.Location;
import io.fjord.proxy.nginx.Site.Pool;
import io.fjord.proxy.nginx.Site.Secure;
import io.fjord.proxy.route.Upstream;
import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;

/**
 * Renders the edge's nginx files from the Qute templates in {@code templates/}. Pure: no I/O besides
 * reading the templates, no state. Every value is checked by {@link NginxSyntax} before it is written,
 * and anything that does not pass is refused with {@link IllegalArgumentException}.
 */
public final class NginxRenderer {
    // A plain engine rather than Quarkus's, so the renderer works (and is tested) without a container.
    private static final Engine ENGINE = Engine.builder().addDefaults()
            .addValueResolver(new ReflectionValueResolver()).build();
    private static final Page API_NOT_FOUND = new Page("application/json",
            "{\"error\": \"no such path in the Fjord API\"}");
    private static final Page API_UNAVAILABLE = new Page("application/json",
            "{\"error\": \"this part of the platform is not running; try again in a moment\"}");

    private final Template main = load("nginx.conf");
    private final Template site = load("site.conf");
    private final Template notFoundPage = load("pages/not-found.html");
    private final Template unavailablePage = load("pages/unavailable.html");
    private final Template maintenancePage = load("pages/maintenance.html");
    private final EdgeSettings settings;

    /** A body the edge answers with itself. */
    public record Page(String contentType, String body) {
    }

    /**
     * One {@code server} block of a site's file.
     *
     * @param listen the address with its parameters ({@code ssl http2} for HTTPS)
     * @param tls the certificate of an HTTPS server, else null
     * @param redirect every request but the ACME challenges moves to HTTPS
     * @param challenges the ACME HTTP-01 tokens are served here
     */
    public record Server(String listen, List<String> names, Secure tls, boolean redirect, boolean challenges) {
    }

    /** Checks the settings at once, so a bad one stops the service at start rather than at the first change. */
    public NginxRenderer(EdgeSettings settings) {
        this.settings = settings;
        mainConfig();
    }

    /** The main nginx.conf: global tuning, the default server for unknown hosts, the includes. */
    public String mainConfig() {
        int fileLimit = NginxSyntax.fileLimit(settings.fileLimit());
        return main.data("listen", NginxSyntax.listen(settings.listen()))
                .data("listenTls", NginxSyntax.listen(settings.listenTls()))
                .data("fileLimit", fileLimit)
                .data("workerConnections", Math.min(16384, fileLimit / 2))
                .data("pidFile", NginxSyntax.path(settings.pidFile()))
                .data("errorLog", NginxSyntax.path(settings.errorLog()))
                .data("accessLog", NginxSyntax.path(settings.accessLog()))
                .data("dir", NginxSyntax.path(settings.dir()))
                .data("notFound", page(notFoundPage, null))
                .render();
    }

    /**
     * The file of one site (an app or the platform API): a server for its plain HTTP names; for its names
     * with a certificate, a server that sends HTTP to HTTPS and one HTTPS server each.
     */
    public String site(Site site) {
        check(site);
        boolean browser = site.audience() == Audience.BROWSER;
        String listen = NginxSyntax.listen(settings.listen());
        String listenTls = NginxSyntax.listen(settings.listenTls());
        List<Server> servers = new ArrayList<>();
        servers.add(new Server(listen, site.serverNames(), null, false, site.acme()));
        if (!site.secure().isEmpty()) {
            servers.add(new Server(listen, site.secure().stream().map(Secure::name).toList(), null, true, site.acme()));
        }
        for (Secure secure : site.secure()) {
            servers.add(new Server(listenTls + " ssl http2", List.of(secure.name()), secure, false, false));
        }
        return this.site.data("site", site)
                .data("servers", servers)
                .data("names", servers.stream().flatMap(server -> server.names().stream()).distinct().toList())
                .data("httpsPort", httpsPort(listenTls))
                .data("challengeDir", NginxSyntax.path(settings.challengeDir()))
                .data("pools", site.pools().stream().filter(pool -> !pool.servers().isEmpty()).toList())
                .data("notFound", browser ? new Page("text/html", page(notFoundPage, site.id())) : API_NOT_FOUND)
                .data("unavailable", browser ? new Page("text/html", page(unavailablePage, site.id())) : API_UNAVAILABLE)
                .data("maintenance", new Page("text/html", page(maintenancePage, site.id())))
                .render();
    }

    /** What follows the host in a redirect to HTTPS: nothing on the standard port. */
    private static String httpsPort(String listenTls) {
        String port = listenTls.substring(listenTls.lastIndexOf(':') + 1);
        return "443".equals(port) ? "" : ":" + port;
    }

    private static void check(Site site) {
        NginxSyntax.appName(site.id());
        if (site.serverNames().isEmpty() || site.locations().isEmpty()) {
            throw new IllegalArgumentException("site " + site.id() + " needs a server name and a location");
        }
        site.serverNames().forEach(NginxSyntax::serverName);
        for (Secure secure : site.secure()) {
            NginxSyntax.serverName(secure.name());
            NginxSyntax.relativeFile(secure.certificate());
            NginxSyntax.relativeFile(secure.key());
        }
        if (site.auth() != null) {
            NginxSyntax.edgeSecret(site.auth().edgeSecret());
        }
        for (Location location : site.locations()) {
            NginxSyntax.locationMatch(location.match());
            NginxSyntax.size(location.maxBodySize());
        }
        for (Pool pool : site.pools()) {
            NginxSyntax.poolName(pool.name());
            for (Upstream server : pool.servers()) {
                NginxSyntax.upstreamHost(server.host());
                NginxSyntax.port(server.port());
            }
        }
    }

    /** A page as one line of text nginx can send from inside single quotes; {@code name} is a checked site id. */
    private static String page(Template template, String name) {
        String html = template.data("name", name).render();
        return NginxSyntax.quotedText(html.lines().map(String::strip).collect(Collectors.joining(" ")).strip());
    }

    private static Template load(String name) {
        try (InputStream in = NginxRenderer.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is missing from the classpath");
            }
            return ENGINE.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
