package io.fjord.deploy.release;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;

import io.fjord.deploy.TestDocker;
import io.fjord.deploy.docker.DockerConfig;
import io.fjord.deploy.docker.Labels;
import io.fjord.events.AppDestroyed;
import io.fjord.events.BuildSucceeded;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.ReleaseEvent;
import io.fjord.events.RoutesApplied;
import io.fjord.events.RoutesChanged;
import io.fjord.events.RoutesRejected;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * One app through its life, on the real engine and bus: releases go live, replace each other, fail
 * (health check, crash, rejected routes, timeout) without touching the live one, and the app is destroyed.
 * The tests run in order and build on each other's state.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutTest {
    private static final String APP = TestDocker.randomName("ro");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestBus bus;

    /** The live release's web container, and the last route generation, as the tests go. */
    private RoutesChanged.Upstream live;
    private long generation;

    @Inject
    DockerClient docker;
    @Inject
    DockerConfig dockerConfig;

    @BeforeAll
    void watch() throws Exception {
        bus = TestBus.watching(RoutingKeys.ROUTES_CHANGED, RoutingKeys.RELEASE_SUCCEEDED, RoutingKeys.RELEASE_FAILED,
                RoutingKeys.APP_DESTROYED);
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (bus != null) {
            bus.close();
        }
        TestDocker.cleanUp(docker, APP, dockerConfig.network());
    }

    @Test
    @Order(1)
    void theFirstReleaseGoesLiveOnceTheProxyAppliedItsRoutes() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("name", APP)).post("/api/apps").then().statusCode(201);
        String image = TestDocker.buildImage(docker, APP, 1, "hello v1", true);

        bus.publish(RoutingKeys.BUILD_SUCCEEDED, APP,
                new BuildSucceeded(APP, 1, TestDocker.tag(APP, 1), image, "c0ffee1", Map.of(), null));

        RoutesChanged changed = awaitRoutesChanged(0);
        assertEquals(1, changed.upstreams().size());
        RoutesChanged.Upstream upstream = changed.upstreams().get(0);
        assertEquals(Releases.DEFAULT_PORT, upstream.port());
        assertEquals("hello v1", TestDocker.page(upstream.host(), upstream.port()));
        given().get("/api/apps/" + APP + "/releases").then().body("[0].status", is("switching"));
        assertContainerIsHardenedAndPrivate(1, upstream);

        bus.publish(RoutingKeys.ROUTES_APPLIED, APP, new RoutesApplied(APP, changed.generation()));
        awaitRelease(RoutingKeys.RELEASE_SUCCEEDED, 1);

        given().get("/api/apps/" + APP + "/releases").then().statusCode(200)
                .body("size()", is(1))
                .body("[0].version", is(1))
                .body("[0].buildId", is(1))
                .body("[0].image", is(TestDocker.tag(APP, 1)))
                .body("[0].status", is("live"))
                .body("[0].reason", nullValue())
                .body("[0].createdAt", notNullValue())
                .body("[0].finishedAt", notNullValue());
        given().get("/api/apps/" + APP).then().body("status", is("live")).body("release", is(1));
        given().get("/api/apps/" + APP + "/releases/1").then().statusCode(200)
                .body("commit", is("c0ffee1")).body("port", is(5000));
        live = upstream;
        generation = changed.generation();
    }

    @Test
    @Order(2)
    void aSecondReleaseReplacesTheFirstAfterTheSwitch() throws Exception {
        String image = TestDocker.buildImage(docker, APP, 2, "hello v2", true);
        // A Procfile web command and an EXPOSEd port this time.
        bus.publish(RoutingKeys.BUILD_SUCCEEDED, APP, new BuildSucceeded(APP, 2, TestDocker.tag(APP, 2), image, "c2",
                Map.of("web", "exec /bin/busybox httpd -f -p $PORT -h /www"), 8080));

        RoutesChanged changed = awaitRoutesChanged(generation);
        RoutesChanged.Upstream upstream = changed.upstreams().get(0);
        assertEquals(8080, upstream.port());
        assertEquals("hello v2", TestDocker.page(upstream.host(), upstream.port()));
        assertEquals("hello v1", TestDocker.page(live.host(), live.port()), "v1 serves until the switch");

        bus.publish(RoutingKeys.ROUTES_APPLIED, APP, new RoutesApplied(APP, changed.generation()));
        awaitRelease(RoutingKeys.RELEASE_SUCCEEDED, 2);

        TestDocker.eventually("v1's container is removed", WAIT,
                () -> TestDocker.containers(docker, Labels.ofRelease(APP, 1)).isEmpty());
        given().get("/api/apps/" + APP + "/releases").then()
                .body("version", is(List.of(2, 1)))
                .body("status", is(List.of("live", "retired")));
        given().get("/api/apps/" + APP).then().body("release", is(2));
        assertEquals("hello v2", TestDocker.page(upstream.host(), upstream.port()));
        live = upstream;
        generation = changed.generation();
    }

    @Test
    @Order(3)
    void aReleaseFailingItsHealthCheckIsRemovedAndTheLiveOneKeepsServing() throws Exception {
        String image = TestDocker.buildImage(docker, APP, 3, "hello v3", false);
        bus.publish(RoutingKeys.BUILD_SUCCEEDED, APP, new BuildSucceeded(APP, 3, TestDocker.tag(APP, 3), image, "c3", Map.of(), null));

        ReleaseEvent failed = awaitRelease(RoutingKeys.RELEASE_FAILED, 3);

        assertEquals("health check GET /up did not answer 2xx after 8 attempts: last answer HTTP 404", failed.reason());
        assertTrue(TestDocker.containers(docker, Labels.ofRelease(APP, 3)).isEmpty(), "v3's container is removed");
        given().get("/api/apps/" + APP + "/releases/3").then()
                .body("status", is("failed")).body("reason", is(failed.reason())).body("finishedAt", notNullValue());
        assertLiveIsUntouched(2);
    }

    @Test
    @Order(4)
    void aContainerThatExitsFailsAtOnceWithItsLastOutput() throws Exception {
        String image = TestDocker.buildImage(docker, APP, 4, "hello v4", true);
        bus.publish(RoutingKeys.BUILD_SUCCEEDED, APP, new BuildSucceeded(APP, 4, TestDocker.tag(APP, 4), image, "c4",
                Map.of("web", "echo cannot reach the database; exit 1"), null));

        ReleaseEvent failed = awaitRelease(RoutingKeys.RELEASE_FAILED, 4);

        assertEquals("container exited with code 1", failed.reason());
        given().get("/api/apps/" + APP + "/releases/4").then()
                .body("status", is("failed")).body("log", startsWith("cannot reach the database"));
        assertTrue(TestDocker.containers(docker, Labels.ofRelease(APP, 4)).isEmpty(), "v4's container is removed");
        assertLiveIsUntouched(2);
    }

    @Test
    @Order(5)
    void routesTheProxyRejectsFailTheReleaseAndRemoveItsContainer() throws Exception {
        String image = TestDocker.buildImage(docker, APP, 5, "hello v5", true);
        bus.publish(RoutingKeys.BUILD_SUCCEEDED, APP, new BuildSucceeded(APP, 5, TestDocker.tag(APP, 5), image, "c5", Map.of(), null));
        RoutesChanged changed = awaitRoutesChanged(generation);

        bus.publish(RoutingKeys.ROUTES_REJECTED, APP,
                new RoutesRejected(APP, changed.generation(), "nginx: [emerg] invalid number of arguments"));

        ReleaseEvent failed = awaitRelease(RoutingKeys.RELEASE_FAILED, 5);
        assertEquals("nginx rejected the new routes: nginx: [emerg] invalid number of arguments", failed.reason());
        TestDocker.eventually("v5's container is removed", WAIT,
                () -> TestDocker.containers(docker, Labels.ofRelease(APP, 5)).isEmpty());
        assertLiveIsUntouched(2);
        generation = changed.generation();
    }

    @Test
    @Order(6)
    void theSameBuildEventTwiceMakesOneRelease() throws Exception {
        String image = TestDocker.buildImage(docker, APP, 6, "hello v6", true);
        CloudEvent event = EventJson.envelope("/fjord/test", RoutingKeys.BUILD_SUCCEEDED, APP,
                new BuildSucceeded(APP, 6, TestDocker.tag(APP, 6), image, "c6", Map.of(), null));
        bus.publish(event);
        bus.publish(event);

        RoutesChanged changed = awaitRoutesChanged(generation);
        bus.publish(RoutingKeys.ROUTES_APPLIED, APP, new RoutesApplied(APP, changed.generation()));
        awaitRelease(RoutingKeys.RELEASE_SUCCEEDED, 6);

        given().get("/api/apps/" + APP + "/releases").then()
                .body("version", is(List.of(6, 5, 4, 3, 2, 1)))
                .body("findAll { it.buildId == 6 }.size()", is(1));
        TestDocker.eventually("v2's container is removed", WAIT,
                () -> TestDocker.containers(docker, Labels.ofRelease(APP, 2)).isEmpty());
        live = changed.upstreams().get(0);
        generation = changed.generation();
    }

    @Test
    @Order(7)
    void oneDeployAtATime() throws Exception {
        String image7 = TestDocker.buildImage(docker, APP, 7, "hello v7", true);
        String image8 = TestDocker.buildImage(docker, APP, 8, "hello v8", true);
        bus.publish(RoutingKeys.BUILD_SUCCEEDED, APP, new BuildSucceeded(APP, 7, TestDocker.tag(APP, 7), image7, "c7", Map.of(), null));
        RoutesChanged seven = awaitRoutesChanged(generation);
        assertEquals("hello v7", TestDocker.page(seven.upstreams().get(0).host(), Releases.DEFAULT_PORT));

        // v7 holds the app's lane until the proxy answers: v8 is recorded but waits, without a container.
        bus.publish(RoutingKeys.BUILD_SUCCEEDED, APP, new BuildSucceeded(APP, 8, TestDocker.tag(APP, 8), image8, "c8", Map.of(), null));
        TestDocker.eventually("v8 is recorded", WAIT,
                () -> given().get("/api/apps/" + APP + "/releases/8").statusCode() == 200);
        Thread.sleep(1000);
        given().get("/api/apps/" + APP + "/releases/8").then().body("status", is("pending"));
        assertTrue(TestDocker.containers(docker, Labels.ofRelease(APP, 8)).isEmpty());

        bus.publish(RoutingKeys.ROUTES_APPLIED, APP, new RoutesApplied(APP, seven.generation()));
        awaitRelease(RoutingKeys.RELEASE_SUCCEEDED, 7);
        RoutesChanged eight = awaitRoutesChanged(seven.generation());
        assertEquals("hello v8", TestDocker.page(eight.upstreams().get(0).host(), Releases.DEFAULT_PORT));
        bus.publish(RoutingKeys.ROUTES_APPLIED, APP, new RoutesApplied(APP, eight.generation()));
        awaitRelease(RoutingKeys.RELEASE_SUCCEEDED, 8);

        given().get("/api/apps/" + APP + "/releases").then()
                .body("findAll { it.status == 'live' }.version", is(List.of(8)));
        live = eight.upstreams().get(0);
        generation = eight.generation();
    }

    @Test
    @Order(8)
    void aSwitchTheProxyNeverAnswersTimesOutAndTheLiveRoutesAreAnnouncedAgain() throws Exception {
        String image = TestDocker.buildImage(docker, APP, 9, "hello v9", true);
        bus.publish(RoutingKeys.BUILD_SUCCEEDED, APP, new BuildSucceeded(APP, 9, TestDocker.tag(APP, 9), image, "c9", Map.of(), null));
        RoutesChanged changed = awaitRoutesChanged(generation);

        // No answer: the deploy's deadline (20 s in tests) ends it.
        ReleaseEvent failed = awaitRelease(RoutingKeys.RELEASE_FAILED, 9, Duration.ofSeconds(45));

        assertEquals("deploy timed out after 20 s waiting for the proxy to apply the new routes", failed.reason());
        TestDocker.eventually("v9's container is removed", WAIT,
                () -> TestDocker.containers(docker, Labels.ofRelease(APP, 9)).isEmpty());
        RoutesChanged restored = awaitRoutesChanged(changed.generation());
        assertEquals(List.of(live), restored.upstreams(), "the live release's routes again");
        // A late answer to the abandoned generation changes nothing.
        bus.publish(RoutingKeys.ROUTES_APPLIED, APP, new RoutesApplied(APP, changed.generation()));
        Thread.sleep(500);
        given().get("/api/apps/" + APP + "/releases/9").then().body("status", is("failed"));
        assertLiveIsUntouched(8);
        generation = restored.generation();
    }

    @Test
    @Order(9)
    void destroyingTheAppRemovesItsContainers() throws Exception {
        given().delete("/api/apps/" + APP).then().statusCode(204);

        assertTrue(TestDocker.containers(docker, Labels.ofApp(APP)).isEmpty());
        AppDestroyed destroyed = EventJson.data(bus.await(RoutingKeys.APP_DESTROYED, e -> APP.equals(e.subject()), WAIT),
                AppDestroyed.class);
        assertEquals(APP, destroyed.app());
        given().get("/api/apps/" + APP + "/releases").then().statusCode(404);
    }

    private void assertLiveIsUntouched(int version) throws Exception {
        assertEquals("hello v" + version, TestDocker.page(live.host(), live.port()));
        given().get("/api/apps/" + APP).then().body("release", is(version)).body("status", is("live"));
        List<String> ids = TestDocker.containers(docker, Labels.ofRelease(APP, version));
        assertEquals(1, ids.size());
        assertTrue(TestDocker.running(docker, ids.get(0)));
    }

    private void assertContainerIsHardenedAndPrivate(int version, RoutesChanged.Upstream upstream) {
        List<String> ids = TestDocker.containers(docker, Labels.ofRelease(APP, version));
        assertEquals(1, ids.size());
        InspectContainerResponse inspect = docker.inspectContainerCmd(ids.get(0)).exec();
        assertEquals("/fjord-" + APP + "-v" + version + "-web-1", inspect.getName());
        // The image's own labels (io.fjord.build) are inherited.
        assertTrue(inspect.getConfig().getLabels().entrySet().containsAll(Map.of("io.fjord.managed", "true",
                "io.fjord.app", APP, "io.fjord.release", Integer.toString(version), "io.fjord.process", "web").entrySet()),
                inspect.getConfig().getLabels().toString());
        assertTrue(List.of(inspect.getConfig().getEnv()).contains("PORT=" + upstream.port()));
        assertEquals(upstream.host(), inspect.getNetworkSettings().getNetworks().get(dockerConfig.network()).getIpAddress());
        assertEquals(List.of(dockerConfig.network()), List.copyOf(inspect.getNetworkSettings().getNetworks().keySet()));
        HostConfig host = inspect.getHostConfig();
        assertTrue(host.getPortBindings() == null || host.getPortBindings().getBindings().isEmpty(), "no published port");
        assertTrue(host.getBinds() == null || host.getBinds().length == 0, "no bind mounts");
        assertTrue(inspect.getMounts() == null || inspect.getMounts().isEmpty(), "no mounts");
        assertEquals(512L * 1024 * 1024, host.getMemory());
        assertEquals("unless-stopped", host.getRestartPolicy().getName());
        assertEquals(List.of("no-new-privileges"), host.getSecurityOpts());
        assertEquals("json-file", host.getLogConfig().getType().getType());
        assertEquals(Map.of("max-size", "10m", "max-file", "3"), host.getLogConfig().getConfig());
    }

    private RoutesChanged awaitRoutesChanged(long after) throws InterruptedException {
        CloudEvent event = bus.await(RoutingKeys.ROUTES_CHANGED, e -> APP.equals(e.subject())
                && EventJson.data(e, RoutesChanged.class).generation() > after, WAIT);
        return EventJson.data(event, RoutesChanged.class);
    }

    private ReleaseEvent awaitRelease(String routingKey, int version) throws InterruptedException {
        return awaitRelease(routingKey, version, WAIT);
    }

    private ReleaseEvent awaitRelease(String routingKey, int version, Duration timeout) throws InterruptedException {
        CloudEvent event = bus.await(routingKey, e -> APP.equals(e.subject())
                && EventJson.data(e, ReleaseEvent.class).version() == version, timeout);
        return EventJson.data(event, ReleaseEvent.class);
    }
}
