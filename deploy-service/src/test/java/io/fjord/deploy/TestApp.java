package io.fjord.deploy;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;

import io.fjord.events.BuildSucceeded;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.ReleaseEvent;
import io.fjord.events.RoutesApplied;
import io.fjord.events.RoutesChanged;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.restassured.http.ContentType;

/**
 * One test app driven through the real bus as build-service and proxy-config-service would: builds
 * arrive, routes are answered. Keeps the last release version and route generation seen.
 */
public final class TestApp implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(40);
    public static final String CONFIG_CHANGED = "config.changed";

    public final String name;
    public final TestBus bus;
    private final DockerClient docker;
    private final String network;
    public int version;
    public long generation;

    private TestApp(String name, TestBus bus, DockerClient docker, String network) {
        this.name = name;
        this.bus = bus;
        this.docker = docker;
        this.network = network;
    }

    public static TestApp create(DockerClient docker, String network, String prefix) throws Exception {
        TestBus bus = TestBus.watching(RoutingKeys.ROUTES_CHANGED, RoutingKeys.RELEASE_CREATED,
                RoutingKeys.RELEASE_SUCCEEDED, RoutingKeys.RELEASE_FAILED, CONFIG_CHANGED);
        TestApp app = new TestApp(TestDocker.randomName(prefix), bus, docker, network);
        given().contentType(ContentType.JSON).body(Map.of("name", app.name)).post("/api/apps").then().statusCode(201);
        return app;
    }

    public String image(long buildId, String page, boolean healthy, Map<String, String> files) throws Exception {
        return TestDocker.buildImage(docker, name, buildId, page, healthy, files);
    }

    /** Publishes build.succeeded; returns the version of the release it made. */
    public int build(long buildId, String image, Map<String, String> processes) throws Exception {
        bus.publish(RoutingKeys.BUILD_SUCCEEDED, name,
                new BuildSucceeded(name, buildId, TestDocker.tag(name, buildId), image, "c" + buildId, processes, null));
        return created();
    }

    /** The next release.created of this app. */
    public int created() throws InterruptedException {
        int after = version;
        ReleaseEvent event = EventJson.data(bus.await(RoutingKeys.RELEASE_CREATED,
                e -> name.equals(e.subject()) && EventJson.data(e, ReleaseEvent.class).version() > after, WAIT),
                ReleaseEvent.class);
        version = event.version();
        return version;
    }

    /** The next routes.changed of this app. */
    public RoutesChanged routes() throws InterruptedException {
        long after = generation;
        RoutesChanged changed = EventJson.data(bus.await(RoutingKeys.ROUTES_CHANGED,
                e -> name.equals(e.subject()) && EventJson.data(e, RoutesChanged.class).generation() > after, WAIT),
                RoutesChanged.class);
        generation = changed.generation();
        return changed;
    }

    public void apply(RoutesChanged changed) throws Exception {
        bus.publish(RoutingKeys.ROUTES_APPLIED, name, new RoutesApplied(name, changed.generation()));
    }

    /** Waits for the release's routes, applies them and waits until it is live. */
    public RoutesChanged goLive(int release) throws Exception {
        RoutesChanged changed = routes();
        apply(changed);
        succeeded(release);
        return changed;
    }

    public ReleaseEvent succeeded(int release) throws InterruptedException {
        return release(RoutingKeys.RELEASE_SUCCEEDED, release);
    }

    public ReleaseEvent failed(int release) throws InterruptedException {
        return release(RoutingKeys.RELEASE_FAILED, release);
    }

    private ReleaseEvent release(String key, int release) throws InterruptedException {
        CloudEvent event = bus.await(key, e -> name.equals(e.subject())
                && EventJson.data(e, ReleaseEvent.class).version() == release, WAIT);
        return EventJson.data(event, ReleaseEvent.class);
    }

    /** Destroys the app through the API; its containers must be gone at once. */
    public void destroy() {
        given().delete("/api/apps/" + name).then().statusCode(204);
        if (!TestDocker.containers(docker, io.fjord.deploy.docker.Labels.ofApp(name)).isEmpty()) {
            throw new AssertionError("containers of " + name + " are left after DELETE");
        }
    }

    /** After the tests (when REST calls no longer reach the app): whatever the engine still has of the app goes. */
    @Override
    public void close() throws Exception {
        bus.close();
        TestDocker.cleanUp(docker, name, network);
    }
}
