package io.fjord.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.proxy.nginx.Site.Audience;
import io.fjord.proxy.nginx.Site.Location;
import io.fjord.proxy.nginx.Site.Pool;
import io.fjord.proxy.nginx.Site.Secure;
import io.fjord.proxy.nginx.Sites.PlatformServices;
import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.AppRoute.Cert;
import io.fjord.proxy.route.AppRoute.Source;
import io.fjord.proxy.route.Upstream;

class NginxRendererTest {
    private static final EdgeSettings SETTINGS = new EdgeSettings("127.0.0.1:18480", "127.0.0.1:18443", Path.of("/var/lib/fjord/nginx"),
            Path.of("/var/log/fjord/nginx-error.log"), Path.of("/var/log/fjord/nginx-access.log"), 65536);
    private static final PlatformServices SERVICES = new PlatformServices(Upstream.parse("127.0.0.1:8081"),
            Upstream.parse("127.0.0.1:8082"), Upstream.parse("127.0.0.1:8083"), Upstream.parse("127.0.0.1:8084"));
    private static final Pattern LOCATION = Pattern.compile("\n    location (\\S.*?) \\{\n(.*?)\n    }", Pattern.DOTALL);

    private final NginxRenderer renderer = new NginxRenderer(SETTINGS);
    private final Sites sites = new Sites("fjord.localhost", "10m", SERVICES, null);

    @Test
    void theApiAsksSessionServiceFirstAndShowsTheServicesTheEdgeSecret() {
        String secret = "a".repeat(20) + "0123456789abcdef";
        String api = renderer.site(new Sites("fjord.localhost", "10m", SERVICES, secret).platformApi());

        assertThat(api).contains("auth_request /_fjord/auth;")
                .contains("proxy_pass http://fjord_session_service/auth/verify;")
                .contains("proxy_set_header X-Fjord-Edge \"" + secret + "\";")
                .contains("proxy_set_header X-Fjord-Actor $fjord_actor;")
                .contains("return 401 '{\"error\": \"a valid token or login is required\"}';");
        Map<String, String> locations = locations(api);
        assertThat(locations.get("/webhooks/")).contains("auth_request off;");
        assertThat(locations.get("= /api/login")).contains("auth_request off;");
        assertThat(locations.get("/api/tokens")).doesNotContain("auth_request off;").contains("fjord_session_service");
        assertThat(locations.get("/api/")).doesNotContain("auth_request off;");
    }

    @Test
    void withoutAnEdgeSecretTheApiAsksNobody() {
        assertThat(renderer.site(sites.platformApi())).doesNotContain("auth_request").doesNotContain("X-Fjord-Edge");
    }

    @ParameterizedTest
    @ValueSource(strings = { "short", "has\"quote-and-is-long-enough-0123456789", "has space and is long enough 0123456789" })
    void refusesAnEdgeSecretThatCouldBreakTheFileWithoutShowingIt(String secret) {
        Sites withSecret = new Sites("fjord.localhost", "10m", SERVICES, secret);
        assertThatThrownBy(() -> renderer.site(withSecret.platformApi()))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(secret);
    }

    @Test
    void mainConfigIsTunedAndIncludesTheRouteFilesRelatively() {
        String conf = renderer.mainConfig();

        assertThat(conf).contains(
                "\nworker_processes auto;\n",
                "\nworker_rlimit_nofile 65536;\n",
                "\npid /var/lib/fjord/nginx/nginx.pid;\n",
                "\nerror_log /var/log/fjord/nginx-error.log warn;\n",
                "    worker_connections 16384;\n    # Linux's scalable readiness API.\n    use epoll;\n",
                "    multi_accept on;\n",
                "    access_log /var/log/fjord/nginx-access.log fjord;\n",
                "    sendfile on;\n    tcp_nopush on;\n    tcp_nodelay on;\n",
                "    keepalive_timeout 65s;\n",
                "    gzip on;\n", "    gzip_min_length 1024;\n", "    gzip_types text/plain text/css",
                "    server_tokens off;\n",
                "    map $http_upgrade $fjord_upgrade {\n        default          '';\n        ~*^websocket$    websocket;\n    }\n",
                "    map $fjord_upgrade $connection_upgrade {\n        default upgrade;\n        ''      '';\n    }\n",
                "    proxy_set_header Upgrade $fjord_upgrade;\n",
                "    proxy_http_version 1.1;\n",
                "    proxy_set_header Connection $connection_upgrade;\n",
                "    proxy_set_header X-Forwarded-For $remote_addr;\n",
                "    proxy_temp_path /var/lib/fjord/nginx/proxy_temp;\n",
                "    ssl_protocols TLSv1.2 TLSv1.3;\n", "    ssl_session_cache shared:fjord_tls:10m;\n",
                "    ssl_session_tickets off;\n",
                "        listen 127.0.0.1:18443 ssl http2 default_server;\n        ssl_reject_handshake on;\n",
                "        listen 127.0.0.1:18480 default_server;\n",
                "            return 404 '<!doctype html>",
                "Nothing is deployed here",
                "\n    include platform/*.conf;\n    include apps/*.conf;\n}\n");
        assertThat(conf).doesNotContain("{#", "{/", "\n\n\n");
    }

    @Test
    void appFileHasAnUpstreamWithEveryServerAndKeepalive() {
        String conf = renderer.site(sites.app(route("shop", List.of(new Upstream("172.18.0.5", 5000),
                new Upstream("172.18.0.6", 5000), new Upstream("172.18.0.5", 5000)))));

        assertThat(conf).startsWith("# shop: shop.fjord.localhost\n");
        assertThat(conf).contains("""
                upstream fjord_app_shop {
                    server 172.18.0.5:5000;
                    server 172.18.0.6:5000;
                    keepalive 64;
                }
                """, """
                server {
                    listen 127.0.0.1:18480;
                    server_name shop.fjord.localhost;
                """, "    error_page 502 503 504 =503 @fjord_unavailable;\n");
        assertThat(locations(conf)).containsOnlyKeys("^~ /.well-known/acme-challenge/", "/", "@fjord_unavailable");
        assertThat(locations(conf).get("/"))
                .isEqualTo("        client_max_body_size 10m;\n        proxy_pass http://fjord_app_shop;");
        assertThat(locations(conf).get("@fjord_unavailable"))
                .contains("default_type text/html;", "add_header Retry-After 10 always;", "return 503 '<!doctype html>",
                        "<h1>shop is not answering</h1>");
        // The same input gives the same file: a re-render on start changes nothing that is right.
        assertThat(renderer.site(sites.app(route("shop", List.of(new Upstream("172.18.0.5", 5000),
                new Upstream("172.18.0.6", 5000)))))).isEqualTo(conf);
    }

    @Test
    void appWithoutUpstreamsAnswers503() {
        String conf = renderer.site(sites.app(route("shop", List.of())));

        assertThat(conf).doesNotContain("upstream ", "proxy_pass");
        assertThat(locations(conf).get("/")).contains("return 503;");
    }

    @Test
    void platformApiRoutesEachPathToTheServiceThatOwnsIt() {
        String conf = renderer.site(sites.platformApi());

        assertThat(conf).contains("    server_name api.fjord.localhost;\n",
                "upstream fjord_build_service {\n    server 127.0.0.1:8081;\n    keepalive 64;\n}\n",
                "upstream fjord_deploy_service {\n    server 127.0.0.1:8082;\n",
                "upstream fjord_proxy_config_service {\n    server 127.0.0.1:8083;\n",
                "upstream fjord_session_service {\n    server 127.0.0.1:8084;\n");
        Map<String, String> locations = locations(conf);
        assertThat(locations).containsOnlyKeys("~ ^/api/apps/[^/]+/(builds|webhook)", "~ ^/api/apps/[^/]+/logs", "/api/builds",
                "/api/keys", "/webhooks/", "/api/sessions", "/api/routes", "/api/", "/", "@fjord_unavailable",
                "~ ^/api/apps/[^/]+/(domains|certs|maintenance|edge)", "= /api/login", "= /api/logout", "/api/tokens",
                "/api/users", "/api/audit");
        assertThat(locations.get("~ ^/api/apps/[^/]+/(builds|webhook)"))
                .contains("client_max_body_size 256m;", "proxy_pass http://fjord_build_service;");
        assertThat(locations.get("/api/builds"))
                .contains("client_max_body_size 1m;", "proxy_pass http://fjord_build_service;", "proxy_buffering off;");
        assertThat(locations.get("~ ^/api/apps/[^/]+/logs"))
                .contains("proxy_pass http://fjord_deploy_service;", "proxy_buffering off;", "proxy_read_timeout 1h;");
        assertThat(locations.get("/api/keys")).contains("proxy_pass http://fjord_build_service;");
        assertThat(locations.get("/webhooks/")).contains("proxy_pass http://fjord_build_service;");
        assertThat(locations.get("/api/sessions")).contains("proxy_pass http://fjord_session_service;");
        assertThat(locations.get("/api/routes")).contains("proxy_pass http://fjord_proxy_config_service;");
        assertThat(locations.get("~ ^/api/apps/[^/]+/(domains|certs|maintenance|edge)"))
                .contains("proxy_pass http://fjord_proxy_config_service;");
        assertThat(locations.get("/api/")).contains("client_max_body_size 1m;", "proxy_pass http://fjord_deploy_service;")
                .doesNotContain("proxy_buffering");
        assertThat(locations.get("/")).contains("default_type application/json;",
                "return 404 '{\"error\": \"no such path in the Fjord API\"}';");
        assertThat(locations.get("@fjord_unavailable")).contains("default_type application/json;", "return 503 '{\"error\"");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "A", "a", "Shop", "1shop", "-shop", "shop;", "sh op", "shop\n", "shop{", "shop}", "sh$op",
            "shop'", "shop\"", "shop.conf", "../shop", "shop/x", "ßhop", "abcdefghijklmnopqrstuvwxyz12345" })
    void refusesAppNamesOutsideTheRule(String app) {
        assertThatThrownBy(() -> renderer.site(sites.app(route(app, List.of(new Upstream("10.0.0.1", 80))))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTheApiHostAsAnApp() {
        assertThatThrownBy(() -> sites.app(route("api", List.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("platform API");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "10.0.0.1;", "10.0.0.1; include /etc/passwd", "evil host", "host}", "host{", "$host",
            "host'", "host\"", "host\nserver 1.2.3.4", "999.1.1.1", "256.0.0.1", "1.2.3", "01.2.3.4", "-lead.example",
            "trail-.example", "a..b", "a.", ".a", "h\u00e9.example", "10.0.0.1:80", "unix:/run/x.sock", "[::1]",
            "http://web", "a_b.example" })
    void refusesUpstreamsThatAreNotAnIpv4AddressOrHostName(String host) {
        assertThatThrownBy(() -> renderer.site(sites.app(route("shop", List.of(new Upstream(host, 5000))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesOverlongHostNames() {
        String longLabel = "a".repeat(64) + ".example";
        String longName = ("a".repeat(60) + ".").repeat(5) + "example";
        for (String host : List.of(longLabel, longName)) {
            assertThatThrownBy(() -> renderer.site(sites.app(route("shop", List.of(new Upstream(host, 5000))))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 65536, 70000, Integer.MIN_VALUE })
    void refusesPortsOutside1To65535(int port) {
        assertThatThrownBy(() -> renderer.site(sites.app(route("shop", List.of(new Upstream("10.0.0.1", port))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 1..65535");
    }

    @Test
    void acceptsAddressesAndHostNames() {
        for (Upstream upstream : List.of(new Upstream("10.0.0.1", 1), new Upstream("255.255.255.255", 65535),
                new Upstream("web-1.fjord.internal", 5000), new Upstream("Web-1.Example", 80),
                new Upstream("no-such-host.invalid", 80), new Upstream("localhost", 8080))) {
            assertThat(renderer.site(sites.app(route("shop", List.of(upstream)))))
                    .contains("    server " + upstream.host() + ":" + upstream.port() + ";\n");
        }
    }

    @Test
    void refusesADomainThatIsNotAHostName() {
        Sites hostile = new Sites("fjord.localhost; include /etc/passwd", "10m", SERVICES, null);
        assertThatThrownBy(() -> renderer.site(hostile.app(route("shop", List.of())))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> renderer.site(hostile.platformApi())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesLocationsAndSizesThatCarrySyntax() {
        Pool pool = new Pool("fjord_app_shop", List.of(new Upstream("10.0.0.1", 80)));
        for (Location location : List.of(new Location("/ { return 200; } location /x", pool, "1m", false),
                new Location("~ ^/a$", pool, "1m", false), new Location("/a;", pool, "1m", false),
                new Location("@named", pool, "1m", false), new Location("/", pool, "1m; allow all", false),
                new Location("/", pool, "0", false), new Location("/", new Pool("x y", pool.servers()), "1m", false))) {
            Site site = new Site("shop", List.of("shop.fjord.localhost"), List.of(location), Audience.BROWSER, null);
            assertThatThrownBy(() -> renderer.site(site)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesSettingsThatCarrySyntax() {
        Path dir = Path.of("/var/lib/fjord/nginx");
        Path log = Path.of("/var/log/fjord/nginx.log");
        for (EdgeSettings settings : List.of(new EdgeSettings("80; include /etc/passwd", "443", dir, log, log, 65536),
                new EdgeSettings("http", "443", dir, log, log, 65536), new EdgeSettings("0", "443", dir, log, log, 65536),
                new EdgeSettings("1.2.3.4:65536", "443", dir, log, log, 65536), new EdgeSettings("[::]:80", "443", dir, log, log, 65536),
                new EdgeSettings("80", "443", Path.of("relative/nginx"), log, log, 65536),
                new EdgeSettings("80", "443", Path.of("/var/lib/fjord nginx"), log, log, 65536),
                new EdgeSettings("80", "443", dir, Path.of("/var/log/x;.log"), log, 65536),
                new EdgeSettings("80", "443", dir, log, log, 0), new EdgeSettings("80", "443", dir, log, log, Integer.MAX_VALUE))) {
            assertThatThrownBy(() -> new NginxRenderer(settings)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new NginxRenderer(new EdgeSettings("80", "443; include x", dir, log, log, 65536)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new NginxRenderer(new EdgeSettings("80", "443", dir, log, log, 20000)).mainConfig())
                .contains("        listen 80 default_server;\n", "\nworker_rlimit_nofile 20000;\n", "    worker_connections 10000;\n");
    }

    @Test
    void domainsAreMoreNamesOfTheAppAndServeTheAcmeChallenges() {
        String conf = renderer.site(sites.app(route("shop", List.of(new Upstream("172.18.0.5", 5000)))
                .withDomains(List.of("*.shop.example", "www.shop.example"))));

        assertThat(conf).startsWith("# shop: shop.fjord.localhost *.shop.example www.shop.example\n")
                .contains("    server_name shop.fjord.localhost *.shop.example www.shop.example;\n")
                .doesNotContain("ssl", "18443", "return 301");
        assertThat(servers(conf)).hasSize(1);
        assertThat(locations(conf).get("^~ /.well-known/acme-challenge/"))
                .isEqualTo("        alias /var/lib/fjord/nginx/acme-challenge/;\n        default_type text/plain;");
    }

    @Test
    void aDomainWithACertificateIsServedOverHttpsWithHttp2AndItsHttpRedirected() {
        AppRoute route = route("shop", List.of(new Upstream("172.18.0.5", 5000)))
                .withDomains(List.of("*.shop.example", "shop.example", "www.shop.example"))
                .withCertificate(cert("www.shop.example")).withCertificate(cert("*.shop.example"));

        List<String> servers = servers(renderer.site(sites.app(route)));

        assertThat(servers).hasSize(4);
        assertThat(servers.get(0)).startsWith("    listen 127.0.0.1:18480;\n    server_name shop.fjord.localhost shop.example;\n")
                .contains("proxy_pass http://fjord_app_shop;", "location ^~ /.well-known/acme-challenge/");
        assertThat(servers.get(1)).startsWith("    listen 127.0.0.1:18480;\n    server_name *.shop.example www.shop.example;\n")
                .contains("location ^~ /.well-known/acme-challenge/", "        return 301 https://$host:18443$request_uri;\n")
                .doesNotContain("proxy_pass", "ssl");
        assertThat(servers.get(2)).startsWith("    listen 127.0.0.1:18443 ssl http2;\n    server_name *.shop.example;\n"
                + "    ssl_certificate certs/shop/_.shop.example.crt;\n    ssl_certificate_key certs/shop/_.shop.example.key;\n");
        assertThat(servers.get(3)).startsWith("""
                    listen 127.0.0.1:18443 ssl http2;
                    server_name www.shop.example;
                    ssl_certificate certs/shop/www.shop.example.crt;
                    ssl_certificate_key certs/shop/www.shop.example.key;
                """).contains("proxy_pass http://fjord_app_shop;", "location @fjord_unavailable")
                .doesNotContain("acme-challenge", "return 301");
    }

    @Test
    void theRedirectLeavesOutTheStandardPort() {
        EdgeSettings standard = new EdgeSettings("80", "443", Path.of("/var/lib/fjord/nginx"),
                Path.of("/var/log/fjord/e.log"), Path.of("/var/log/fjord/a.log"), 65536);
        AppRoute route = route("shop", List.of()).withDomains(List.of("shop.example")).withCertificate(cert("shop.example"));

        String conf = new NginxRenderer(standard).site(sites.app(route));

        assertThat(conf).contains("        return 301 https://$host$request_uri;\n", "    listen 443 ssl http2;\n");
    }

    @Test
    void maintenanceAnswersEveryPathWithTheBranded503ButTheChallengesPass() {
        AppRoute route = route("shop", List.of(new Upstream("172.18.0.5", 5000))).withMaintenance(true);

        String conf = renderer.site(sites.app(route));

        assertThat(conf).doesNotContain("proxy_pass");
        assertThat(locations(conf)).containsOnlyKeys("^~ /.well-known/acme-challenge/", "/", "@fjord_unavailable");
        assertThat(locations(conf).get("/")).contains("default_type text/html;", "add_header Retry-After 300 always;",
                "return 503 '<!doctype html>", "<h1>shop is down for maintenance</h1>");
    }

    @Test
    void anAppSetsItsOwnLargestBody() {
        String conf = renderer.site(sites.app(route("shop", List.of(new Upstream("172.18.0.5", 5000))).withMaxBodySize("50m")));

        assertThat(locations(conf).get("/")).startsWith("        client_max_body_size 50m;\n");
    }

    @Test
    void refusesCertificatePathsAndNamesThatCarrySyntax() {
        Location location = new Location("/", new Pool("fjord_app_shop", List.of()), "1m", false);
        for (Secure secure : List.of(new Secure("www.shop.example", "certs/../../etc/shadow", "certs/shop/k.key"),
                new Secure("www.shop.example", "/etc/ssl/a.crt", "certs/shop/k.key"),
                new Secure("www.shop.example", "certs/shop/a.crt; include x", "certs/shop/k.key"),
                new Secure("www.shop.example; x", "certs/shop/a.crt", "certs/shop/k.key"),
                new Secure("*.*.shop.example", "certs/shop/a.crt", "certs/shop/k.key"))) {
            Site site = new Site("shop", List.of("shop.fjord.localhost"), List.of(location), Audience.BROWSER,
                    List.of(secure), false, true, null);
            assertThatThrownBy(() -> renderer.site(site)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** An app's route with these upstreams and nothing else. */
    private static AppRoute route(String app, List<Upstream> upstreams) {
        return AppRoute.empty(app).withUpstreams(1, upstreams);
    }

    private static Cert cert(String domain) {
        return new Cert(domain, Source.UPLOADED, Instant.parse("2030-01-01T00:00:00Z"), "ab".repeat(32), "CN=Test", null);
    }

    /** The bodies of a file's server blocks, in order. */
    private static List<String> servers(String conf) {
        return Arrays.stream(conf.split("\nserver \\{\n")).skip(1).toList();
    }

    /** The blocks of a site's locations, by match, with their directives as rendered. */
    private static Map<String, String> locations(String conf) {
        Map<String, String> locations = new LinkedHashMap<>();
        Matcher matcher = LOCATION.matcher(conf);
        while (matcher.find()) {
            locations.put(matcher.group(1), matcher.group(2));
        }
        return locations;
    }
}
