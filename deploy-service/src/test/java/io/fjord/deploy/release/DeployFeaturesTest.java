package io.fjord.deploy.release;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;

import io.fjord.deploy.EdgeHeader;
import io.fjord.deploy.TestApp;
import io.fjord.deploy.TestDocker;
import io.fjord.deploy.config.ConfigVersion;
import io.fjord.deploy.docker.DockerConfig;
import io.fjord.deploy.docker.Labels;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.ReleaseEvent;
import io.fjord.events.RoutesChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 3's deploys on the real engine and bus, one app through its life: health checks from app.json,
 * the release command, config vars, scaling, logs, drain, failures that leave the live release serving,
 * supersede, rollback and image retention. The tests run in order and build on each other's state.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployFeaturesTest {
    private static final String ENV_CGI = "#!/bin/sh\necho 'Content-Type: text/plain'\necho\n/bin/busybox env\n";
    private static final String SLOW_CGI = "#!/bin/sh\n/bin/busybox sleep 2\necho 'Content-Type: text/plain'\necho\necho done\n";
    private static final String APP_JSON = """
            {"name": "features", "healthchecks": {"web": [{"type": "startup", "path": "/ready", "attempts": 10, "timeout": 2}]}}
            """;
    /** Web says hello on its output; a worker ticks; the release command says what it does. */
    private static final Map<String, String> PROCFILE = Map.of(
            "web", "echo web up on $PORT; exec /bin/busybox httpd -f -p $PORT -h /www",
            "worker", "while true; do echo tick; /bin/busybox sleep 1; done",
            "release", "echo migrating");
    private static final Map<String, String> FILES = Map.of("app.json", APP_JSON, "www/ready", "ready\n",
            "www/cgi-bin/env", ENV_CGI, "www/cgi-bin/slow", SLOW_CGI);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    DockerClient docker;
    @Inject
    DockerConfig dockerConfig;

    private TestApp app;
    private RoutesChanged.Upstream web;
    private final List<String> otherImages = new ArrayList<>();
    private final Map<Long, String> images = new java.util.HashMap<>();

    @AfterAll
    void cleanUp() throws Exception {
        for (String image : otherImages) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
                // never made
            }
        }
        if (app != null) {
            app.close();
        }
    }

    private String image(long build, String page, boolean healthy, Map<String, String> files) throws Exception {
        String id = app.image(build, page, healthy, files);
        images.put(build, id);
        return id;
    }

    @Test
    @Order(1)
    void appJsonDecidesTheHealthCheckAndTheReleaseCommandRunsFirst() throws Exception {
        // Here, not in @BeforeAll: the REST client knows the test port once a test runs.
        app = TestApp.create(docker, dockerConfig.network(), "df");
        // No www/up: only app.json's /ready can pass.
        int v1 = app.build(1, image(1, "hello v1", false, FILES), PROCFILE);
        // Another name for this image, as if someone tagged it by hand: when Fjord prunes the image
        // later, that tag and the image stay.
        docker.tagImageCmd(images.get(1L), "not-fjord-" + app.name, "kept").exec();
        otherImages.add("not-fjord-" + app.name + ":kept");
        RoutesChanged changed = app.goLive(v1);

        assertEquals(1, changed.upstreams().size(), "one web container; the worker type runs none until scaled");
        web = changed.upstreams().get(0);
        assertEquals("hello v1", TestDocker.page(web.host(), web.port()));
        given().get("/api/apps/" + app.name + "/healthcheck").then().statusCode(200)
                .body("source", is("app.json")).body("checks.web[0].path", is("/ready"))
                .body("checks.web[0].attempts", is(10));
        assertTrue(TestDocker.containers(docker, Labels.ofProcess(app.name, v1, "release")).isEmpty(),
                "the release command's container is gone");
        given().get("/api/apps/" + app.name + "/releases").then()
                .body("[0].kind", is("build")).body("[0].actor", is("build")).body("[0].configVersion", is(0))
                .body("[0].description", is("Deploy build 1"));
    }

    @Test
    @Order(2)
    void containersAreHardenedByDefault() {
        List<String> ids = TestDocker.containers(docker, Labels.ofProcess(app.name, app.version, "web"));
        assertEquals(1, ids.size());
        InspectContainerResponse inspect = docker.inspectContainerCmd(ids.get(0)).exec();
        HostConfig host = inspect.getHostConfig();
        assertEquals(List.of("ALL"), List.of(host.getCapDrop()).stream().map(Object::toString).toList());
        assertEquals(List.of("no-new-privileges"), host.getSecurityOpts());
        assertEquals(512L, host.getPidsLimit());
        assertEquals(512L * 1024 * 1024, host.getMemory());
        assertEquals(1_000_000_000L, host.getNanoCPUs());
        assertEquals("json-file", host.getLogConfig().getType().getType());
        assertEquals(Map.of("max-size", "10m", "max-file", "3"), host.getLogConfig().getConfig());
        assertEquals("unless-stopped", host.getRestartPolicy().getName());
        assertTrue(host.getBinds() == null || host.getBinds().length == 0);
        assertTrue(inspect.getMounts() == null || inspect.getMounts().isEmpty(), "nothing mounted, no Docker socket");
    }

    @Test
    @Order(3)
    void aConfigChangeRollsOutTheLiveImageWithTheVarsEncryptedAtRest() throws Exception {
        given().contentType(ContentType.JSON).header("X-Fjord-Actor", "alice")
                .body(Map.of("API_TOKEN", "s3cr3t-value", "GREETING", "hello world"))
                .when().patch("/api/apps/" + app.name + "/config")
                .then().statusCode(200)
                .body("API_TOKEN", is("s3cr3t-value")).body("GREETING", is("hello world"));
        int v2 = app.created();
        web = app.goLive(v2).upstreams().get(0);

        String env = TestDocker.page(web.host(), web.port(), "/cgi-bin/env");
        assertTrue(env.contains("API_TOKEN=s3cr3t-value") && env.contains("GREETING=hello world"), env);
        assertTrue(env.contains("PORT=5000"), env);
        assertEquals("hello v1", TestDocker.page(web.host(), web.port()), "the same image");
        given().get("/api/apps/" + app.name + "/config").then()
                .body("API_TOKEN", is("s3cr3t-value")).body("size()", is(2));
        given().get("/api/apps/" + app.name + "/releases").then()
                .body("[0].kind", is("config")).body("[0].configVersion", is(1)).body("[0].actor", is("alice"))
                .body("[0].description", is("Set API_TOKEN, GREETING")).body("[0].buildId", is(1));

        CloudEvent changed = app.bus.await(TestApp.CONFIG_CHANGED, e -> app.name.equals(e.subject()), TestApp.WAIT);
        assertEquals(List.of("API_TOKEN", "GREETING"), EventJson.data(changed, Map.class).get("keys"));
        assertFalse(new String(EventJson.write(changed)).contains("s3cr3t"), "events carry key names only");
        List<String> stored = QuarkusTransaction.requiringNew().call(() -> ConfigVersion.<ConfigVersion>list(
                "app.name", app.name).stream().map(c -> c.data).toList());
        assertEquals(1, stored.size());
        assertFalse(stored.get(0).contains("s3cr3t") || stored.get(0).contains("API_TOKEN"), "encrypted at rest");
    }

    @Test
    @Order(4)
    void badConfigIsRefusedAndChangesNothing() {
        String path = "/api/apps/" + app.name + "/config";
        given().contentType(ContentType.JSON).body("{\"1BAD\": \"x\", \"GOOD\": \"y\"}").patch(path).then().statusCode(400)
                .body("error", containsString("'1BAD' is invalid"));
        given().contentType(ContentType.JSON).body("{\"PORT\": \"80\"}").patch(path).then().statusCode(400)
                .body("error", containsString("reserved"));
        given().contentType(ContentType.JSON).body("{\"TOKEN\": \"abc\\u0000def\"}").patch(path).then().statusCode(400)
                .body("error", is("the value of TOKEN contains a NUL byte, which a process environment cannot hold"));
        String huge = "x".repeat(40_000);
        given().contentType(ContentType.JSON).body(Map.of("HUGE", huge)).patch(path).then().statusCode(400)
                .body("error", is("the value of HUGE is too large: at most 32768 bytes"));
        given().contentType(ContentType.JSON).body("{\"N\": 5}").patch(path).then().statusCode(400);
        given().contentType(ContentType.JSON).body("[]").patch(path).then().statusCode(400);

        given().get(path).then().body("size()", is(2)).body("GOOD", is((String) null));
        given().get("/api/apps/" + app.name + "/releases").then().body("[0].version", is(app.version));
    }

    @Test
    @Order(5)
    void scalingWebUpAndDownLeavesTheWorkerAloneAndWorkersGetNoRoute() throws Exception {
        String path = "/api/apps/" + app.name + "/formation";
        String web1 = TestDocker.containers(docker, Labels.ofProcess(app.name, app.version, "web")).get(0);
        given().get(path).then().body("web", is(1)).body("worker", is(0));

        given().contentType(ContentType.JSON).body(Map.of("worker", 1)).put(path).then().statusCode(200)
                .body("worker", is(1)).body("web", is(1));
        TestDocker.eventually("the worker runs", TestApp.WAIT,
                () -> TestDocker.containers(docker, Labels.ofProcess(app.name, app.version, "worker")).size() == 1);
        String worker = TestDocker.containers(docker, Labels.ofProcess(app.name, app.version, "worker")).get(0);

        given().contentType(ContentType.JSON).body(Map.of("web", 3)).put(path).then().statusCode(200).body("web", is(3));
        RoutesChanged three = app.routes();
        assertEquals(3, three.upstreams().size());
        app.apply(three);
        for (RoutesChanged.Upstream upstream : three.upstreams()) {
            assertEquals("hello v1", TestDocker.page(upstream.host(), upstream.port()));
        }
        String workerAddress = docker.inspectContainerCmd(worker).exec().getNetworkSettings().getNetworks()
                .get(dockerConfig.network()).getIpAddress();
        assertTrue(three.upstreams().stream().noneMatch(u -> u.host().equals(workerAddress)), "a worker has no route");

        given().contentType(ContentType.JSON).body(Map.of("web", 1)).put(path).then().statusCode(200);
        RoutesChanged one = app.routes();
        assertEquals(List.of(web), one.upstreams(), "web.1 stays, web.2 and web.3 leave the routes first");
        app.apply(one);
        TestDocker.eventually("web.2 and web.3 are drained and removed", TestApp.WAIT,
                () -> TestDocker.containers(docker, Labels.ofProcess(app.name, app.version, "web")).size() == 1);
        assertEquals(List.of(web1), TestDocker.containers(docker, Labels.ofProcess(app.name, app.version, "web")),
                "web.1 was never restarted");
        assertEquals(List.of(worker), TestDocker.containers(docker, Labels.ofProcess(app.name, app.version, "worker")),
                "scaling web did not restart the worker");

        given().contentType(ContentType.JSON).body("{\"web\": -1}").put(path).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"web\": 21}").put(path).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"web\": 99999999999}").put(path).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"clock\": 1}").put(path).then().statusCode(400)
                .body("error", is("unknown process type 'clock'; this app runs [web, worker]"));
        given().contentType(ContentType.JSON).body("{\"release\": 1}").put(path).then().statusCode(400);
        given().get(path).then().body("web", is(1)).body("worker", is(1));
    }

    @Test
    @Order(6)
    void logsStreamTheLinesOfEveryProcessTagged() throws Exception {
        String web1 = TestDocker.containers(docker, Labels.ofProcess(app.name, app.version, "web")).get(0).substring(0, 12);
        String worker1 = TestDocker.containers(docker, Labels.ofProcess(app.name, app.version, "worker")).get(0)
                .substring(0, 12);
        String logs = given().get("/api/apps/" + app.name + "/logs?tail=20").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        assertTrue(logs.contains("web.1 " + web1 + "| web up on 5000"), logs);
        assertTrue(logs.contains("worker.1 " + worker1 + "| tick"), logs);

        // Following: new ticks keep coming; the client leaves after a few lines.
        HttpResponse<java.io.InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/apps/" + app.name
                        + "/logs?follow=true&tail=0")).header(EdgeHeader.HEADER, edgeSecret()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body()))) {
            for (int i = 0; i < 2; i++) {
                assertEquals("worker.1 " + worker1 + "| tick", lines.readLine());
            }
        }
        given().get("/api/apps/" + app.name + "/logs?tail=-1").then().statusCode(400);
    }

    @Test
    @Order(7)
    void oldContainersDrainSoARequestInFlightDuringTheSwitchCompletes() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("drainSeconds", 3)).patch("/api/apps/" + app.name + "/settings")
                .then().statusCode(200).body("drainSeconds", is(3)).body("capAdd.size()", is(0));
        RoutesChanged.Upstream old = web;
        int v3 = app.build(3, image(3, "hello v3", false, FILES), PROCFILE);
        RoutesChanged changed = app.routes();

        CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(HttpRequest.newBuilder(
                URI.create("http://" + old.host() + ":" + old.port() + "/cgi-bin/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200);
        long applied = System.nanoTime();
        app.apply(changed);
        app.succeeded(v3);

        HttpResponse<String> response = inFlight.get();
        assertEquals(200, response.statusCode());
        assertEquals("done", response.body().strip());
        TestDocker.eventually("the old release's containers are stopped", TestApp.WAIT,
                () -> TestDocker.containers(docker, Labels.ofRelease(app.name, v3 - 1)).isEmpty());
        assertTrue(Duration.ofNanos(System.nanoTime() - applied).toMillis() >= 3000, "the drain time passed first");
        web = changed.upstreams().get(0);
        assertEquals("hello v3", TestDocker.page(web.host(), web.port()));
    }

    @Test
    @Order(8)
    void aFailingHealthCheckLeavesTheLiveReleaseServingAndItsLogReadable() throws Exception {
        String failing = APP_JSON.replace("\"/ready\", \"attempts\": 10", "\"/missing\", \"attempts\": 2, \"wait\": 0");
        int v4 = app.build(4, image(4, "hello v4", false, Map.of("app.json", failing)), PROCFILE);

        ReleaseEvent failed = app.failed(v4);

        assertEquals("health check GET /missing did not answer 2xx after 2 attempts: last answer HTTP 404", failed.reason());
        given().get("/api/apps/" + app.name + "/releases/" + v4 + "/log").then().statusCode(200)
                .contentType(containsString("text/plain")).body(containsString("web up on 5000"));
        assertTrue(TestDocker.containers(docker, Labels.ofRelease(app.name, v4)).isEmpty());
        assertEquals("hello v3", TestDocker.page(web.host(), web.port()));
    }

    @Test
    @Order(9)
    void aFailingReleaseCommandStopsTheDeployBeforeAnyContainer() throws Exception {
        Map<String, String> procfile = new java.util.HashMap<>(PROCFILE);
        procfile.put("release", "echo cannot migrate; exit 3");
        int v5 = app.build(5, image(5, "hello v5", false, FILES), procfile);

        ReleaseEvent failed = app.failed(v5);

        assertEquals("the release command exited with code 3", failed.reason());
        given().get("/api/apps/" + app.name + "/releases/" + v5 + "/log").then().body(containsString("cannot migrate"));
        assertTrue(TestDocker.containers(docker, Labels.ofRelease(app.name, v5)).isEmpty());
        assertEquals("hello v3", TestDocker.page(web.host(), web.port()));
    }

    @Test
    @Order(10)
    void aNewerBuildSupersedesAQueuedOne() throws Exception {
        int v6 = app.build(6, image(6, "hello v6", false, FILES), PROCFILE);
        RoutesChanged six = app.routes();
        // v6 holds the lane waiting for the proxy: builds 7 and 8 queue, and 8 supersedes 7.
        int v7 = app.build(7, image(7, "hello v7", false, FILES), PROCFILE);
        int v8 = app.build(8, image(8, "hello v8", false, FILES), PROCFILE);
        assertEquals("superseded by v" + v8 + " (build 8)", app.failed(v7).reason());
        given().get("/api/apps/" + app.name + "/releases/" + v7).then().body("status", is("superseded"));

        app.apply(six);
        app.succeeded(v6);
        web = app.goLive(v8).upstreams().get(0);
        assertEquals("hello v8", TestDocker.page(web.host(), web.port()));
    }

    @Test
    @Order(11)
    void onlyTheImagesOfTheLastReleasesAreKeptAndNeverAnotherImage() throws Exception {
        String other = "not-fjord-" + app.name + ":kept";
        // keep-releases is 3 in tests: v8, v6 and v3 went live last; builds 1, 4, 5 and 7 go.
        TestDocker.eventually("old images are pruned", TestApp.WAIT, () -> !imageExists(TestDocker.tag(app.name, 7)));
        TestDocker.eventually("build 1's tag is removed", TestApp.WAIT, () -> !imageExists(TestDocker.tag(app.name, 1)));
        for (long build : List.of(4L, 5L)) {
            assertFalse(imageExists(TestDocker.tag(app.name, build)), "build " + build);
        }
        for (long build : List.of(3L, 6L, 8L)) {
            assertTrue(imageExists(TestDocker.tag(app.name, build)), "build " + build);
        }
        assertTrue(imageExists(other), "an image Fjord did not tag keeps its tag");
        given().get("/api/apps/" + app.name + "/releases").then()
                .body("find { it.version == 1 }.rollbackable", is(false))
                .body("find { it.version == 3 }.rollbackable", is(true))
                .body("find { it.version == 4 }.rollbackable", is(false));
    }

    @Test
    @Order(12)
    void aRollbackRunsAnEarlierImageAndConfigWithTheSameSwitch() throws Exception {
        String path = "/api/apps/" + app.name + "/rollback";
        given().contentType(ContentType.JSON).body(Map.of("version", 1)).post(path).then().statusCode(400)
                .body("error", containsString("was pruned"));
        given().contentType(ContentType.JSON).body(Map.of("version", 4)).post(path).then().statusCode(400)
                .body("error", containsString("never went live"));
        given().contentType(ContentType.JSON).body(Map.of("version", 999)).post(path).then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"version\": \"three\"}").post(path).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post(path).then().statusCode(400);
        int before = app.version;
        given().get("/api/apps/" + app.name + "/releases").then().body("[0].version", is(before));

        given().contentType(ContentType.JSON).body(Map.of("version", 3)).post(path).then().statusCode(201)
                .body("kind", is("rollback")).body("description", is("Rollback to v3")).body("status", is("pending"));
        int v9 = app.created();
        web = app.goLive(v9).upstreams().get(0);
        assertEquals("hello v3", TestDocker.page(web.host(), web.port()));
        given().get("/api/apps/" + app.name + "/releases/" + v9).then().body("buildId", is(3)).body("configVersion", is(1));
    }

    @Test
    @Order(13)
    void destroyingTheAppRemovesItsContainersAndConfig() {
        app.destroy();
        given().get("/api/apps/" + app.name + "/config").then().statusCode(404);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> ConfigVersion.count("app.name", app.name)) == 0);
    }

    private static String edgeSecret() {
        String secret = System.getenv("FJORD_EDGE_SECRET");
        return secret == null ? "" : secret;
    }

    private boolean imageExists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }
}
