package io.fjord.build.builds;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;

import io.fjord.build.git.GitConfig;
import io.fjord.build.testing.Tarball;
import io.fjord.build.testing.TestApps;
import io.fjord.build.testing.Waits;
import io.fjord.events.BuildFailed;
import io.fjord.events.EventJson;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The queue with one builder and a short timeout: supersede, cancel, timeout, memory limit, build args. */
@QuarkusTest
@TestProfile(BuildQueueTest.OneBuilder.class)
class BuildQueueTest {
    static final long MEMORY = 256L * 1024 * 1024;

    public static class OneBuilder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fjord.builds.concurrency", "1", "fjord.builds.timeout", "12s");
        }
    }

    static TestBus bus;
    static TestApps apps;

    @Inject
    DockerClient docker;
    @Inject
    GitConfig git;
    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void connect() throws Exception {
        bus = TestBus.watching(RoutingKeys.BUILD_SUCCEEDED, RoutingKeys.BUILD_FAILED);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (apps != null) {
            apps.close();
        }
        bus.close();
    }

    @BeforeEach
    void prepare() throws Exception {
        if (apps == null) {
            apps = new TestApps(bus, git.root(), docker);
        }
    }

    /**
     * A build that prints a marker, then ticks once a second. The marker finds its container, and makes
     * the step new to the layer cache, so it really runs.
     */
    private static byte[] marked(String marker, int seconds) {
        return Tarball.create()
                .file("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sh\", \"-c\", "
                        + "\"echo " + marker + "; for i in $(/bin/busybox seq " + seconds + "); do echo tick $i; "
                        + "/bin/busybox sleep 1; done\"]\n")
                .file("busybox", Tarball.busybox(), 0755).gzip();
    }

    private static long submit(String app, byte[] source) {
        return given().contentType("application/gzip").body(source).post("/api/apps/{app}/builds", app)
                .then().statusCode(202).extract().jsonPath().getLong("id");
    }

    private static String status(long id) {
        return given().get("/api/builds/{id}", id).jsonPath().getString("status");
    }

    /** Follows the live log until {@code text} shows, then lets go (the build goes on). */
    private void awaitLog(long id, String text) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        StringBuilder log = new StringBuilder();
        try (InputStream in = client.send(HttpRequest.newBuilder(base.resolve("/api/builds/" + id + "/log"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream()).body()) {
            byte[] buffer = new byte[8192];
            int n;
            while (log.indexOf(text) < 0 && (n = in.read(buffer)) > 0) {
                log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        }
        assertTrue(log.indexOf(text) >= 0, "build " + id + " never logged '" + text + "': " + log);
    }

    private List<Container> containersWith(String marker) {
        return docker.listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> c.getCommand() != null && c.getCommand().contains(marker)).toList();
    }

    @Test
    void aNewerBuildSupersedesTheAppsQueuedOneButNotTheRunningOne() throws Exception {
        String app = apps.create("qs");
        long running = submit(app, marked("marker-" + UUID.randomUUID(), 3));
        awaitLog(running, "tick 1");
        long queued = submit(app, Tarball.busyboxApp("v2").gzip());
        assertEquals("queued", status(queued));
        long newest = submit(app, Tarball.busyboxApp("v3").gzip());

        given().get("/api/builds/{id}", queued).then().body("status", equalTo("cancelled"))
                .body("error", equalTo("superseded by build " + newest)).body("startedAt", nullValue());
        assertEquals("-----> Queued: 1 of 1 builders busy, 0 build(s) waiting before this one\n"
                + "-----> Build cancelled: superseded by build " + newest + "\n",
                given().get("/api/builds/{id}/log", queued).asString());
        BuildFailed event = EventJson.data(bus.await(RoutingKeys.BUILD_FAILED,
                e -> EventJson.data(e, BuildFailed.class).buildId() == queued, Duration.ofSeconds(30)), BuildFailed.class);
        assertEquals("superseded by build " + newest, event.reason());

        TestApps.awaitEnd(newest);
        assertEquals("succeeded", status(running));
        assertEquals("succeeded", status(newest));
        assertTrue(given().get("/api/builds/{id}/log", newest).asString().startsWith("-----> Queued: 1 of 1 builders busy"));
    }

    @Test
    void aQueuedBuildCancelledNeverStarts() throws Exception {
        String app = apps.create("qc");
        String other = apps.create("qc");
        long running = submit(app, marked("marker-" + UUID.randomUUID(), 3));
        awaitLog(running, "tick 1");
        long queued = submit(other, Tarball.busyboxApp("never").gzip());
        given().delete("/api/builds/{id}", queued).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("error", equalTo("cancelled by request"))
                .body("startedAt", nullValue()).body("finishedAt", org.hamcrest.Matchers.notNullValue());
        TestApps.awaitEnd(running);
        assertEquals("cancelled", status(queued));
        assertTrue(apps.images(Map.of("io.fjord.app", other)).isEmpty());
        given().delete("/api/builds/{id}", queued).then().statusCode(409).body("error", containsString("already ended"));
        given().delete("/api/builds/{id}", running).then().statusCode(409);
        given().delete("/api/builds/{id}", "987654321").then().statusCode(404);
    }

    @Test
    void aRunningBuildCancelledStopsItsContainerAndLeavesNoImage() throws Exception {
        String app = apps.create("qr");
        String marker = "marker-" + UUID.randomUUID();
        long id = submit(app, marked(marker, 60));
        awaitLog(id, "tick 2");
        // The build container runs with the memory limit.
        List<Container> running = containersWith(marker);
        assertEquals(1, running.size(), running.toString());
        var hostConfig = docker.inspectContainerCmd(running.get(0).getId()).exec().getHostConfig();
        assertEquals(MEMORY, hostConfig.getMemory());
        assertEquals(MEMORY, hostConfig.getMemorySwap());

        long asked = System.nanoTime();
        given().delete("/api/builds/{id}", id).then().statusCode(200).body("status", equalTo("cancelled"))
                .body("error", equalTo("cancelled by request"));
        assertTrue(System.nanoTime() - asked < 15_000_000_000L);
        assertTrue(given().get("/api/builds/{id}/log", id).asString().endsWith("-----> Build cancelled: cancelled by request\n"));
        Waits.until(Duration.ofSeconds(30), "the build container is gone", () -> containersWith(marker).isEmpty());
        assertTrue(apps.images(Map.of("io.fjord.app", app)).isEmpty());
    }

    @Test
    void aBuildPastItsTimeoutFails() throws Exception {
        String app = apps.create("qt");
        String marker = "marker-" + UUID.randomUUID();
        long id = submit(app, marked(marker, 60));
        TestApps.awaitEnd(id);
        given().get("/api/builds/{id}", id).then().body("status", equalTo("failed"))
                .body("error", equalTo("timed out after 12s"));
        String log = given().get("/api/builds/{id}/log", id).asString();
        assertTrue(log.contains("tick 3\n") && log.endsWith("timed out after 12s\n"), log);
        Waits.until(Duration.ofSeconds(30), "the build container is gone", () -> containersWith(marker).isEmpty());
        assertTrue(apps.images(Map.of("io.fjord.app", app)).isEmpty());
    }

    @Test
    void buildTimeConfigVarsBecomeBuildArgsWhoseValuesStayOutOfTheLog() throws Exception {
        String app = apps.create("qa");
        apps.buildConfig().vars(app, Map.of("GREETING", "hello-from-config", "API_TOKEN", "s3cr3t-value"));
        long id = apps.build(app, Tarball.create()
                .file("Dockerfile", """
                        FROM scratch
                        COPY busybox /bin/busybox
                        ARG GREETING
                        ARG API_TOKEN
                        RUN ["/bin/busybox", "sh", "-c", "echo greeting=$GREETING; echo token-length=${#API_TOKEN}; \
                        cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null; true"]
                        """)
                .file("busybox", Tarball.busybox(), 0755).gzip());
        assertEquals("succeeded", status(id));
        String log = given().get("/api/builds/{id}/log", id).asString();
        assertTrue(log.contains("-----> Build args: "), log);
        assertTrue(log.contains("greeting=hello-from-config\n"), log);
        assertTrue(log.contains("token-length=12\n"), log);
        assertTrue(!log.contains("s3cr3t-value"), log);
        // The memory limit as the build's own container sees it (cgroup v2 or v1).
        assertTrue(log.contains("\n" + MEMORY + "\n"), log);

        apps.buildConfig().status(app, 500);
        long failed = apps.build(app, Tarball.busyboxApp("x").gzip());
        given().get("/api/builds/{id}", failed).then().body("status", equalTo("failed"))
                .body("error", containsString("deploy-service answered HTTP 500"));
    }
}
