package io.fjord.proxy.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.fjord.events.AppDestroyed;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutesApplied;
import io.fjord.events.RoutesChanged;
import io.fjord.events.RoutesRejected;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.fjord.proxy.nginx.EdgeSettings;
import io.fjord.proxy.nginx.NginxConfig;
import io.fjord.proxy.nginx.NginxException;
import io.fjord.proxy.nginx.NginxProcess;
import io.fjord.proxy.route.Route;
import io.fjord.proxy.route.Upstream;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The edge end to end with the real nginx (its own tree under target/, listening on a loopback port),
 * the real bus and database, and real HTTP servers as upstreams.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String UNRESOLVABLE = "no-such-host.invalid";

    @Inject
    EdgeApplier applier;
    @Inject
    NginxProcess nginx;
    @Inject
    EdgeSettings settings;
    @Inject
    NginxConfig config;

    private TestBus bus;
    private Backend backendA;
    private Backend backendB;
    private final List<String> apps = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        bus = TestBus.watching(RoutingKeys.ROUTES_APPLIED, RoutingKeys.ROUTES_REJECTED);
        backendA = Backend.start("A");
        backendB = Backend.start("B");
    }

    @AfterAll
    void stop() throws Exception {
        apps.forEach(applier::remove);
        nginx.quit();
        backendA.close();
        backendB.close();
        bus.close();
    }

    @Test
    void aRouteChangeGoesLiveThroughTheEdge() throws Exception {
        String app = newApp();

        route(app, 1, backendA);

        assertThat(appFile(app)).content().contains("upstream fjord_app_" + app + " {\n    server 127.0.0.1:" + backendA.port()
                + ";\n    keepalive 64;\n}", "server_name " + host(app) + ";");
        edge(host(app), "/", "X-Forwarded-For", "203.0.113.9").then().statusCode(200).body(equalTo("hello from A"));
        var seen = backendA.lastHeaders();
        assertThat(seen.getFirst("Host")).isEqualTo(host(app));
        assertThat(seen.getFirst("X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(seen.getFirst("X-Forwarded-For")).as("a client's claim is not passed on").isEqualTo("127.0.0.1");
        assertThat(seen.getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.getFirst("X-Forwarded-Host")).isEqualTo(host(app));
        assertThat(seen.containsKey("Connection")).as("an empty Connection header keeps the upstream connection").isFalse();

        given().get("/api/routes").then().statusCode(200)
                .body("find { it.app == '" + app + "' }.generation", equalTo(1))
                .body("find { it.app == '" + app + "' }.host", equalTo(host(app)))
                .body("find { it.app == '" + app + "' }.upstreams[0].host", equalTo("127.0.0.1"))
                .body("find { it.app == '" + app + "' }.upstreams[0].port", equalTo(backendA.port()));
    }

    @Test
    void upstreamConnectionsAreReusedAndWebSocketUpgradesPassed() throws Exception {
        String app = newApp();
        route(app, 1, backendB);
        edge(host(app), "/").then().statusCode(200);

        backendB.forgetConnections();
        for (int i = 0; i < 10; i++) {
            edge(host(app), "/").then().statusCode(200).body(equalTo("hello from B"));
        }
        // One connection per nginx worker at most, instead of one per request.
        assertThat(backendB.connections()).hasSizeLessThan(10);

        edge(host(app), "/", "Upgrade", "websocket", "Connection", "Upgrade").then().statusCode(200);
        assertThat(backendB.lastHeaders().getFirst("Upgrade")).isEqualTo("websocket");
        assertThat(backendB.lastHeaders().getFirst("Connection")).isEqualTo("upgrade");

        // Other upgrades stay at the edge: Java's HttpClient asks for h2c on every request, and an app that
        // took it up would speak HTTP/2 to nginx, which waits for HTTP/1.1.
        edge(host(app), "/", "Upgrade", "h2c", "Connection", "Upgrade, HTTP2-Settings", "HTTP2-Settings",
                "AAMAAABkAARAAAAAAAIAAAAA").then().statusCode(200).body(equalTo("hello from B"));
        assertThat(backendB.lastHeaders().getFirst("Upgrade")).isNull();
        assertThat(backendB.lastHeaders().getFirst("Connection")).isNotEqualTo("upgrade");
    }

    @Test
    void olderGenerationsAreIgnoredAndTheLiveOneIsAnsweredAgain() throws Exception {
        String app = newApp();
        route(app, 5, backendA);
        String live = Files.readString(appFile(app));

        applier.apply(change(app, 4, backendB));
        assertThat(appFile(app)).hasContent(live);
        given().get("/api/routes").then().body("find { it.app == '" + app + "' }.generation", equalTo(5));

        // A retried deploy asks for generation 5 again: answered, and nothing changes.
        bus.publish(RoutingKeys.ROUTES_CHANGED, app, change(app, 5, backendB));
        awaitApplied(app, 5);
        assertThat(appFile(app)).hasContent(live);
        edge(host(app), "/").then().body(equalTo("hello from A"));
    }

    @Test
    void aChangeNginxRejectsLeavesEveryAppServing() throws Exception {
        String app = newApp();
        String other = newApp();
        route(app, 1, backendA);
        route(other, 1, backendB);
        String live = Files.readString(appFile(app));

        // A host name passes the renderer's check; nginx cannot resolve it and refuses the configuration.
        bus.publish(RoutingKeys.ROUTES_CHANGED, app,
                new RoutesChanged(app, 2, List.of(new RoutesChanged.Upstream(UNRESOLVABLE, 80))));
        RoutesRejected rejected = EventJson.data(awaitRejected(app, 2), RoutesRejected.class);

        assertThat(rejected.reason()).contains("host not found in upstream \"" + UNRESOLVABLE + ":80\" in apps/" + app + ".conf:")
                .doesNotContain(settings.dir().toString()).doesNotContain(".candidate");
        assertThat(appFile(app)).hasContent(live);
        eventually(() -> assertThat(candidates()).isEmpty());
        edge(host(app), "/").then().statusCode(200).body(equalTo("hello from A"));
        edge(host(other), "/").then().statusCode(200).body(equalTo("hello from B"));
        given().get("/api/routes").then().body("find { it.app == '" + app + "' }.generation", equalTo(1));

        // What the renderer refuses never reaches a file.
        bus.publish(RoutingKeys.ROUTES_CHANGED, app,
                new RoutesChanged(app, 3, List.of(new RoutesChanged.Upstream("10.0.0.1; include /etc/passwd", 80))));
        assertThat(EventJson.data(awaitRejected(app, 3), RoutesRejected.class).reason())
                .startsWith("invalid route: ").contains("is not an IPv4 address or host name");
        assertThat(appFile(app)).hasContent(live);
    }

    @Test
    void anAppWithoutAnsweringContainersGetsTheBranded503() throws Exception {
        String idle = newApp();
        route(idle, 1);
        edge(host(idle), "/").then().statusCode(503).header("Retry-After", "10")
                .body(containsString("<h1>" + idle + " is not answering</h1>"));

        String down = newApp();
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        bus.publish(RoutingKeys.ROUTES_CHANGED, down,
                new RoutesChanged(down, 1, List.of(new RoutesChanged.Upstream("127.0.0.1", closedPort))));
        awaitApplied(down, 1);
        edge(host(down), "/").then().statusCode(503).body(containsString("<h1>" + down + " is not answering</h1>"));
    }

    @Test
    void aDestroyedAppIsTakenOffTheEdge() throws Exception {
        String app = newApp();
        route(app, 1, backendA);

        bus.publish(RoutingKeys.APP_DESTROYED, app, new AppDestroyed(app));

        eventually(() -> assertThat(appFile(app)).doesNotExist());
        eventually(() -> given().get("/api/routes").then().body("app", not(hasItem(app))));
        eventually(() -> edge(host(app), "/").then().statusCode(404).body(containsString("Nothing is deployed here")));
    }

    @Test
    void reconciliationRepairsDeletedAndHandEditedFiles() throws Exception {
        String deleted = newApp();
        String edited = newApp();
        route(deleted, 1, backendA);
        route(edited, 1, backendB);
        String deletedContent = Files.readString(appFile(deleted));
        String editedContent = Files.readString(appFile(edited));
        Path stray = settings.dir().resolve("apps/" + newApp() + ".conf");

        Files.delete(appFile(deleted));
        Files.writeString(appFile(edited), editedContent.replace("proxy_pass http://fjord_app_" + edited + ";", "return 418;"));
        Files.writeString(stray, "server { listen " + config.listen() + "; server_name stray.example; return 418; }\n");
        nginx.startOrReload();
        edge(host(edited), "/").then().statusCode(418);

        applier.reconcile();

        assertThat(appFile(deleted)).hasContent(deletedContent);
        assertThat(appFile(edited)).hasContent(editedContent);
        assertThat(stray).doesNotExist();
        edge(host(deleted), "/").then().statusCode(200).body(equalTo("hello from A"));
        edge(host(edited), "/").then().statusCode(200).body(equalTo("hello from B"));
    }

    @Test
    void aRenderingNginxRefusesAtStartLeavesTheEdgeAsItIs() throws Exception {
        String good = newApp();
        String bad = newApp();
        route(good, 1, backendA);
        List<Path> watched = List.of(settings.mainConfig(), settings.dir().resolve("platform/api.conf"), appFile(good));
        List<String> before = contents(watched);
        QuarkusTransaction.requiringNew().run(() -> {
            Route route = new Route();
            route.app = bad;
            route.generation = 1;
            route.upstreams = List.of(new Upstream(UNRESOLVABLE, 80));
            route.updatedAt = Instant.now();
            route.persist();
        });
        try {
            assertThatThrownBy(applier::reconcile).isInstanceOf(NginxException.class)
                    .hasMessageContaining("left as they are")
                    .hasMessageContaining("host not found in upstream \"" + UNRESOLVABLE + ":80\" in apps/" + bad + ".conf");

            assertThat(contents(watched)).isEqualTo(before);
            assertThat(appFile(bad)).doesNotExist();
            assertThat(nginx.running()).isTrue();
            edge(host(good), "/").then().statusCode(200).body(equalTo("hello from A"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Route.deleteById(bad));
        }
    }

    @Test
    void nginxIsStartedWhenItDoesNotRun() throws Exception {
        nginx.quit();
        assertThat(nginx.running()).isFalse();
        // A pid file left behind by a crash names a process that is gone.
        Files.writeString(settings.pidFile(), "4194303\n");

        applier.reconcile();

        assertThat(nginx.running()).isTrue();
        edge(apiHost(), "/api/routes").then().statusCode(200);
    }

    @Test
    void thePlatformApiIsRoutedThroughTheEdge() {
        edge(apiHost(), "/api/routes").then().statusCode(200).contentType("application/json").body("$", isA(List.class));
        edge(apiHost(), "/no/such/path").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("no such path in the Fjord API"));
        edge("nobody." + config.domain(), "/").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("Nothing is deployed here"));
    }

    private String newApp() {
        String app = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        apps.add(app);
        return app;
    }

    private static RoutesChanged change(String app, long generation, Backend... backends) {
        return new RoutesChanged(app, generation,
                Arrays.stream(backends).map(backend -> new RoutesChanged.Upstream("127.0.0.1", backend.port())).toList());
    }

    /** Publishes a change as deploy-service does and waits until the edge serves it. */
    private void route(String app, long generation, Backend... backends) throws Exception {
        bus.publish(RoutingKeys.ROUTES_CHANGED, app, change(app, generation, backends));
        awaitApplied(app, generation);
    }

    private CloudEvent awaitApplied(String app, long generation) throws InterruptedException {
        return bus.await(RoutingKeys.ROUTES_APPLIED, event -> app.equals(event.subject())
                && EventJson.data(event, RoutesApplied.class).generation() == generation, WAIT);
    }

    private CloudEvent awaitRejected(String app, long generation) throws InterruptedException {
        return bus.await(RoutingKeys.ROUTES_REJECTED, event -> app.equals(event.subject())
                && EventJson.data(event, RoutesRejected.class).generation() == generation, WAIT);
    }

    /** A request to the test nginx, as a browser asking for {@code host} would send it. */
    private Response edge(String host, String path, String... headers) {
        var request = given().baseUri("http://127.0.0.1").port(edgePort()).header("Host", host);
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.get(path);
    }

    private int edgePort() {
        return Integer.parseInt(config.listen().substring(config.listen().lastIndexOf(':') + 1));
    }

    private String host(String app) {
        return app + "." + config.domain();
    }

    private String apiHost() {
        return "api." + config.domain();
    }

    private Path appFile(String app) {
        return settings.dir().resolve("apps/" + app + ".conf");
    }

    private List<Path> candidates() throws IOException {
        try (Stream<Path> files = Files.list(settings.dir())) {
            return files.filter(path -> path.getFileName().toString().startsWith(".candidate-")).toList();
        }
    }

    private static List<String> contents(List<Path> files) throws IOException {
        List<String> contents = new ArrayList<>();
        for (Path file : files) {
            contents.add(Files.readString(file));
        }
        return contents;
    }

    interface Check {
        void run() throws Exception;
    }

    /** Retries a check for a few seconds: a reload or a handled event takes a moment. */
    private static void eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
