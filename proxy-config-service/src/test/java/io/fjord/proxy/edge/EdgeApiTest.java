package io.fjord.proxy.edge;

import static io.fjord.proxy.edge.EdgeTesting.candidates;
import static io.fjord.proxy.edge.EdgeTesting.change;
import static io.fjord.proxy.edge.EdgeTesting.create;
import static io.fjord.proxy.edge.EdgeTesting.eventually;
import static io.fjord.proxy.edge.EdgeTesting.route;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.fjord.events.AppDestroyed;
import io.fjord.events.EventJson;
import io.fjord.events.RoutesChanged;
import io.fjord.events.RoutesRejected;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.fjord.proxy.edge.Outcome.Applied;
import io.fjord.proxy.edge.Outcome.Rejected;
import io.fjord.proxy.nginx.EdgeSettings;
import io.fjord.proxy.nginx.NginxConfig;
import io.fjord.proxy.nginx.NginxProcess;
import io.fjord.proxy.route.DomainNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * An app's edge through the API with the real nginx: its domains, the maintenance switch, its largest
 * body, and changes that arrive together.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeApiTest {
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
        // Another test class may have stopped the test nginx.
        applier.reconcile();
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
    void domainsAreServedAsMoreNamesOfTheApp() throws Exception {
        String app = newApp();
        route(bus, app, 1, backendA);
        String www = "www." + app + ".example";

        putDomains(app, List.of(www, "*." + app + ".example", www)).then().statusCode(200)
                .body("app", equalTo(app)).body("host", equalTo(host(app)))
                .body("domains", contains("*." + app + ".example", www));

        edge(www, "/").then().statusCode(200).body(equalTo("hello from A"));
        edge("shop." + app + ".example", "/").then().statusCode(200).body(equalTo("hello from A"));
        edge(host(app), "/").then().statusCode(200).body(equalTo("hello from A"));
        assertThat(backendA.lastHeaders().getFirst("Host")).isEqualTo(host(app));
        assertThat(appFile(app)).content().contains("server_name " + host(app) + " *." + app + ".example " + www + ";");
        given().get("/api/apps/" + app + "/domains").then().statusCode(200).body("domains", contains("*." + app + ".example", www));
        given().get("/api/routes").then().body("find { it.app == '" + app + "' }.domains", contains("*." + app + ".example", www));

        // A deploy keeps the domains.
        route(bus, app, 2, backendB);
        edge(www, "/").then().statusCode(200).body(equalTo("hello from B"));

        putDomains(app, List.of()).then().statusCode(200).body("domains", empty());
        edge(www, "/").then().statusCode(404).body(containsString("Nothing is deployed here"));
    }

    @Test
    void aDomainBelongsToOneAppOnly() throws Exception {
        String owner = newApp();
        String other = newApp();
        route(bus, owner, 1, backendA);
        route(bus, other, 1, backendB);
        String domain = "shop." + owner + ".example";
        putDomains(owner, List.of(domain)).then().statusCode(200);
        String otherFile = Files.readString(appFile(other));

        putDomains(other, List.of("fine." + other + ".example", domain)).then().statusCode(409)
                .body("error", equalTo(domain + " belongs to the app " + owner));

        assertThat(appFile(other)).hasContent(otherFile);
        given().get("/api/apps/" + other + "/domains").then().body("domains", empty());
        edge(domain, "/").then().body(equalTo("hello from A"));

        // Once let go, it can move.
        putDomains(owner, List.of()).then().statusCode(200);
        putDomains(other, List.of(domain)).then().statusCode(200);
        edge(domain, "/").then().body(equalTo("hello from B"));
    }

    @Test
    void hostileDomainsAreRefusedAndNothingIsWritten() throws Exception {
        String app = newApp();
        route(bus, app, 1, backendA);
        String www = "www." + app + ".example";
        putDomains(app, List.of(www)).then().statusCode(200);
        String file = Files.readString(appFile(app));
        List<String> corpus = List.of("", " ", "shop.example;", "shop.example; include /etc/passwd", "{shop.example",
                "shop.example}", "shop.example{ return 200; }", "shop'example.com", "shop\"example.com", "$host",
                "shop.$host.example", "shop.example\nserver_name evil.example", "shop.example\r\n", "shop .example",
                " shop.example", "shöp.example", "\u0441hop.example", "shop.example\u0000", "a".repeat(64) + ".example",
                ("a".repeat(63) + ".").repeat(4) + "example", "shop..example", "..", "shop.example.", "SHOP.example",
                "*.*.shop.example", "shop", "10.0.0.1", "shop.fjord.localhost");

        for (String bad : corpus) {
            putDomains(app, List.of("fine." + app + ".example", bad)).then().statusCode(400)
                    .body("error", startsWith("\"" + DomainNames.shown(bad) + "\" is not a domain an app can have: "));
        }
        given().contentType(ContentType.JSON).body("{\"domains\": \"shop.example\"}").put("/api/apps/" + app + "/domains")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"domains\": [{\"name\": \"shop.example\"}]}")
                .put("/api/apps/" + app + "/domains").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").put("/api/apps/" + app + "/domains").then().statusCode(400)
                .body("error", containsString("\"domains\" is required"));

        assertThat(appFile(app)).hasContent(file);
        given().get("/api/apps/" + app + "/domains").then().body("domains", contains(www));
        assertThat(candidates(settings.dir())).isEmpty();
        edge(www, "/").then().statusCode(200).body(equalTo("hello from A"));
    }

    @Test
    void unknownAppsAreNotFound() {
        for (String app : List.of(newName(), "Bad_Name", "api")) {
            given().get("/api/apps/" + app + "/domains").then().statusCode(404).body("error", startsWith("no app is named"));
            putDomains(app, List.of("shop.example")).then().statusCode(404);
            given().contentType(ContentType.JSON).body(Map.of("enabled", true)).put("/api/apps/" + app + "/maintenance")
                    .then().statusCode(404);
            given().get("/api/apps/" + app + "/edge").then().statusCode(404);
            given().get("/api/apps/" + app + "/certs").then().statusCode(404);
        }
    }

    @Test
    void maintenanceAnswersTheBranded503WithRetryAfter() throws Exception {
        String app = newApp();
        route(bus, app, 1, backendA);

        maintenance(app, true).then().statusCode(200).body("enabled", equalTo(true));

        edge(host(app), "/any/path").then().statusCode(503).header("Retry-After", "300")
                .contentType(containsString("text/html")).body(containsString("<h1>" + app + " is down for maintenance</h1>"));
        // The certificate authority's challenges still reach the edge, not the maintenance page.
        edge(host(app), "/.well-known/acme-challenge/unknown-token").then().statusCode(404);
        given().get("/api/apps/" + app + "/maintenance").then().body("enabled", equalTo(true));
        given().get("/api/apps/" + app + "/edge").then().body("maintenance", equalTo(true));

        // A deploy during maintenance does not end it.
        route(bus, app, 2, backendB);
        edge(host(app), "/").then().statusCode(503);

        given().contentType(ContentType.JSON).body("{}").put("/api/apps/" + app + "/maintenance").then().statusCode(400)
                .body("error", containsString("\"enabled\" is required"));
        maintenance(app, false).then().statusCode(200).body("enabled", equalTo(false));
        edge(host(app), "/").then().statusCode(200).body(equalTo("hello from B"));
    }

    @Test
    void anAppSetsItsLargestRequestBody() throws Exception {
        String app = newApp();
        route(bus, app, 1, backendA);
        String body = "x".repeat(2048);
        given().get("/api/apps/" + app + "/edge").then().statusCode(200).body("maxBodySize", equalTo("10m"))
                .body("maintenance", equalTo(false));

        patchEdge(app, "{\"maxBodySize\": \"1k\"}").then().statusCode(200).body("maxBodySize", equalTo("1k"));
        post(app, body).then().statusCode(413);

        for (String bad : List.of("{\"maxBodySize\": \"1g\"}", "{\"maxBodySize\": \"1m; allow all\"}",
                "{\"maxBodySize\": 5}", "{\"color\": \"red\"}", "[]")) {
            patchEdge(app, bad).then().statusCode(400);
        }
        given().get("/api/apps/" + app + "/edge").then().body("maxBodySize", equalTo("1k"));

        patchEdge(app, "{\"maxBodySize\": null, \"maintenance\": false}").then().statusCode(200)
                .body("maxBodySize", equalTo("10m"));
        post(app, body).then().statusCode(200).body(equalTo("hello from A"));
    }

    @Test
    void changesArrivingTogetherAreAppliedWithOneReload() throws Exception {
        String first = newApp();
        String second = newApp();
        route(bus, first, 1, backendA);
        route(bus, second, 1, backendA);
        CountDownLatch go = new CountDownLatch(1);
        long loadsBefore = nginx.loads();

        CompletableFuture<Outcome> one = CompletableFuture.supplyAsync(() -> applyWhen(go, change(first, 2, backendB)));
        CompletableFuture<Outcome> two = CompletableFuture.supplyAsync(() -> applyWhen(go, change(second, 2, backendB)));
        go.countDown();

        Applied applied = (Applied) one.get();
        assertThat(two.get()).isInstanceOf(Applied.class);
        assertThat(((Applied) two.get()).load()).as("the nginx load both went live with").isEqualTo(applied.load());
        assertThat(nginx.loads()).isGreaterThan(loadsBefore);
        EdgeTesting.awaitApplied(bus, first, 2);
        EdgeTesting.awaitApplied(bus, second, 2);
        edge(host(first), "/").then().body(equalTo("hello from B"));
        edge(host(second), "/").then().body(equalTo("hello from B"));
    }

    @Test
    void aRefusedBatchIsAppliedChangeByChangeSoOneBadAppBlocksNoOther() throws Exception {
        String good = newApp();
        String bad = newApp();
        route(bus, good, 1, backendA);
        route(bus, bad, 1, backendA);
        CountDownLatch go = new CountDownLatch(1);

        CompletableFuture<Outcome> one = CompletableFuture.supplyAsync(() -> applyWhen(go, change(good, 2, backendB)));
        CompletableFuture<Outcome> two = CompletableFuture.supplyAsync(() -> applyWhen(go,
                new RoutesChanged(bad, 2, List.of(new RoutesChanged.Upstream(UNRESOLVABLE, 80)))));
        go.countDown();

        assertThat(one.get()).isInstanceOf(Applied.class);
        assertThat(two.get()).isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.reason())
                .contains("host not found in upstream \"" + UNRESOLVABLE + ":80\" in apps/" + bad + ".conf"));
        EdgeTesting.awaitApplied(bus, good, 2);
        assertThat(EventJson.data(bus.await(RoutingKeys.ROUTES_REJECTED, event -> bad.equals(event.subject()), EdgeTesting.WAIT),
                RoutesRejected.class).generation()).isEqualTo(2);
        edge(host(good), "/").then().body(equalTo("hello from B"));
        edge(host(bad), "/").then().body(equalTo("hello from A"));
    }

    @Test
    void aDestroyedAppLetsItsDomainsGo() throws Exception {
        String gone = newApp();
        String next = newApp();
        route(bus, gone, 1, backendA);
        String domain = "shop." + gone + ".example";
        putDomains(gone, List.of(domain)).then().statusCode(200);

        bus.publish(RoutingKeys.APP_DESTROYED, gone, new AppDestroyed(gone));

        eventually(() -> given().get("/api/apps/" + gone + "/domains").then().statusCode(404));
        eventually(() -> assertThat(appFile(gone)).doesNotExist());
        eventually(() -> putDomains(next, List.of(domain)).then().statusCode(200));
        edge(domain, "/").then().statusCode(503);
    }

    @Test
    void startupRepairRestoresDomainsAndMaintenance() throws Exception {
        String app = newApp();
        route(bus, app, 1, backendA);
        putDomains(app, List.of("www." + app + ".example")).then().statusCode(200);
        maintenance(app, true).then().statusCode(200);
        patchEdge(app, "{\"maxBodySize\": \"2m\"}").then().statusCode(200);
        String rendered = Files.readString(appFile(app));
        Files.writeString(appFile(app), rendered.replace("server_name " + host(app) + " www." + app + ".example;",
                "server_name " + host(app) + ";").replace("return 503 '", "return 200 '"));
        nginx.startOrReload();
        edge("www." + app + ".example", "/").then().statusCode(404);

        applier.reconcile();

        assertThat(appFile(app)).hasContent(rendered);
        edge("www." + app + ".example", "/").then().statusCode(503).header("Retry-After", "300");
    }

    private Outcome applyWhen(CountDownLatch go, RoutesChanged change) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return applier.apply(change);
    }

    private String newApp() throws Exception {
        String app = EdgeTesting.newName();
        apps.add(app);
        create(bus, app);
        return app;
    }

    private static String newName() {
        return EdgeTesting.newName();
    }

    private static Response putDomains(String app, List<String> domains) {
        return given().contentType(ContentType.JSON).body(Map.of("domains", domains)).put("/api/apps/" + app + "/domains");
    }

    private static Response maintenance(String app, boolean enabled) {
        return given().contentType(ContentType.JSON).body(Map.of("enabled", enabled)).put("/api/apps/" + app + "/maintenance");
    }

    private static Response patchEdge(String app, String json) {
        return given().contentType(ContentType.JSON).body(json).patch("/api/apps/" + app + "/edge");
    }

    private Response post(String app, String body) {
        return given().baseUri("http://127.0.0.1").port(EdgeTesting.port(config.listen())).header("Host", host(app))
                .body(body).post("/upload");
    }

    private Response edge(String host, String path) {
        return EdgeTesting.edge(config.listen(), host, path);
    }

    private String host(String app) {
        return app + "." + config.domain();
    }

    private Path appFile(String app) {
        return settings.dir().resolve("apps/" + app + ".conf");
    }
}
