package io.fjord.deploy.release;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.github.dockerjava.api.DockerClient;

import io.fjord.deploy.TestDocker;
import io.fjord.deploy.app.App;
import io.fjord.deploy.docker.ContainerSettings;
import io.fjord.deploy.docker.ContainerSpec;
import io.fjord.deploy.docker.Containers;
import io.fjord.deploy.docker.DockerConfig;
import io.fjord.deploy.docker.Labels;
import io.fjord.events.BuildSucceeded;
import io.fjord.events.EventJson;
import io.fjord.events.ReleaseEvent;
import io.fjord.events.RoutesApplied;
import io.fjord.events.RoutesChanged;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What a stop in the middle of deploys leaves behind is settled when the service starts again. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryTest {
    private static final String APP = TestDocker.randomName("rc");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestBus bus;

    @Inject
    DockerClient docker;
    @Inject
    DockerConfig dockerConfig;
    @Inject
    Containers containers;
    @Inject
    Releases releases;
    @Inject
    Recovery recovery;

    @BeforeAll
    void watch() throws Exception {
        bus = TestBus.watching(RoutingKeys.ROUTES_CHANGED, RoutingKeys.RELEASE_SUCCEEDED, RoutingKeys.RELEASE_FAILED);
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (bus != null) {
            bus.close();
        }
        TestDocker.cleanUp(docker, APP, dockerConfig.network());
    }

    @Test
    void aReleaseLeftStartingFailsAndAQueuedOneRollsOut() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("name", APP)).post("/api/apps").then().statusCode(201);
        String image1 = TestDocker.buildImage(docker, APP, 1, "hello v1", true);
        String image2 = TestDocker.buildImage(docker, APP, 2, "hello v2", true);
        // As a crash leaves it: v1 was starting (its container runs), v2 was queued behind it.
        record(new BuildSucceeded(APP, 1, TestDocker.tag(APP, 1), image1, "c1", Map.of(), null),
                ReleaseStatus.STARTING);
        record(new BuildSucceeded(APP, 2, TestDocker.tag(APP, 2), image2, "c2", Map.of(), null), ReleaseStatus.PENDING);
        containers.ensureNetwork();
        containers.run(ContainerSpec.process(APP, 1, ContainerSpec.WEB, 1, image1, Releases.DEFAULT_PORT, Map.of(), Map.of(),
                new ContainerSettings(dockerConfig.network(), 64L * 1024 * 1024, 0, 64, List.of(), "1m", 1, true)));

        recovery.recover();

        ReleaseEvent failed = EventJson.data(bus.await(RoutingKeys.RELEASE_FAILED, e -> APP.equals(e.subject()), WAIT),
                ReleaseEvent.class);
        assertEquals(1, failed.version());
        assertEquals("deploy-service stopped while the release was starting", failed.reason());
        assertTrue(TestDocker.containers(docker, Labels.ofRelease(APP, 1)).isEmpty(), "v1's container is removed");

        RoutesChanged changed = EventJson.data(bus.await(RoutingKeys.ROUTES_CHANGED, e -> APP.equals(e.subject()), WAIT),
                RoutesChanged.class);
        assertEquals("hello v2", TestDocker.page(changed.upstreams().get(0).host(), changed.upstreams().get(0).port()));
        bus.publish(RoutingKeys.ROUTES_APPLIED, APP, new RoutesApplied(APP, changed.generation()));
        bus.await(RoutingKeys.RELEASE_SUCCEEDED, e -> APP.equals(e.subject()), WAIT);
        given().get("/api/apps/" + APP + "/releases").then()
                .body("version", is(List.of(2, 1)))
                .body("status", is(List.of("live", "failed")));

        given().delete("/api/apps/" + APP).then().statusCode(204);
        assertTrue(TestDocker.containers(docker, Labels.ofApp(APP)).isEmpty());
    }

    private void record(BuildSucceeded build, ReleaseStatus status) {
        QuarkusTransaction.requiringNew().run(() -> releases.create(App.lock(APP), build).status = status);
    }
}
