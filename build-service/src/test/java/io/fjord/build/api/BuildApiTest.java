package io.fjord.build.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;

import io.fjord.build.builds.BuildConfig;
import io.fjord.build.git.GitConfig;
import io.fjord.build.testing.Tarball;
import io.fjord.build.testing.TestApps;
import io.fjord.events.BuildFailed;
import io.fjord.events.BuildSucceeded;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BuildApiTest {
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    static TestBus bus;
    static TestApps apps;

    @Inject
    DockerClient docker;
    @Inject
    GitConfig git;
    @Inject
    BuildConfig builds;
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

    private String newApp() throws IOException {
        if (apps == null) {
            apps = new TestApps(bus, git.root(), docker);
        }
        return apps.create("bt");
    }

    /** Every request, refused or built, leaves no upload folder behind. */
    @AfterEach
    void workDirIsEmpty() throws IOException {
        Path workDir = builds.workDir().toAbsolutePath();
        io.fjord.build.testing.Waits.until(Duration.ofMinutes(2), "running builds have ended", () -> {
            try (Stream<Path> left = Files.list(workDir)) {
                return left.findAny().isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void buildsTheImageStreamsItsLogAndAnnouncesIt() throws Exception {
        String app = newApp();
        String commit = "0123456789abcdef0123456789abcdef01234567";
        var answer = given().contentType("application/gzip").body(Tarball.busyboxApp("hello").gzip())
                .queryParam("commit", commit)
                .post("/api/apps/{app}/builds", app)
                .then().statusCode(202)
                .body("app", equalTo(app))
                .body("status", equalTo("queued"))
                .body("commit", equalTo(commit))
                .extract();
        long id = answer.jsonPath().getLong("id");
        assertTrue(answer.header("Location").endsWith("/api/builds/" + id), answer.header("Location"));

        String log = given().get("/api/builds/{id}/log", id).then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        assertTrue(log.contains("Step 1/"), log);
        assertTrue(log.contains("COPY busybox /bin/busybox"), log);
        assertTrue(log.contains("Successfully tagged fjord/" + app + ":" + id), log);

        TestApps.awaitEnd(id);
        var build = given().get("/api/builds/{id}", id).then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("image", equalTo("fjord/" + app + ":" + id))
                .body("exposedPort", equalTo(8080))
                .body("processes.web", equalTo("/bin/busybox httpd -f -p $PORT -h /www"))
                .body("error", nullValue())
                .extract().jsonPath();

        InspectImageResponse image = docker.inspectImageCmd("fjord/" + app + ":" + id).exec();
        assertEquals(image.getId(), build.getString("imageId"));
        Map<String, String> labels = new java.util.HashMap<>(image.getConfig().getLabels());
        java.time.Instant created = java.time.Instant.parse(labels.remove("org.opencontainers.image.created"));
        assertTrue(java.time.Duration.between(created, java.time.Instant.now()).abs().toMinutes() < 5, created.toString());
        assertEquals(Map.of("io.fjord.managed", "true", "io.fjord.app", app, "io.fjord.build", Long.toString(id),
                "org.opencontainers.image.revision", commit), labels);

        CloudEvent event = bus.await(RoutingKeys.BUILD_SUCCEEDED,
                e -> app.equals(e.subject()) && EventJson.data(e, BuildSucceeded.class).buildId() == id, EVENT_TIMEOUT);
        BuildSucceeded succeeded = EventJson.data(event, BuildSucceeded.class);
        assertEquals(app, event.subject());
        assertEquals(new BuildSucceeded(app, id, "fjord/" + app + ":" + id, image.getId(), commit,
                Map.of("web", "/bin/busybox httpd -f -p $PORT -h /www"), 8080), succeeded);

        given().get("/api/apps/{app}/builds", app).then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo((int) id));
        // After the build the same endpoint serves the stored log.
        assertEquals(log, given().get("/api/builds/{id}/log", id).asString());
    }

    @Test
    void aRebuildWithOnlyAppCodeChangedTakesTheUsersStepsFromTheLayerCache() throws Exception {
        String app = newApp();
        // The marker makes the step new to the engine's cache at the first build.
        String marker = java.util.UUID.randomUUID().toString();
        String dockerfile = "FROM scratch\nCOPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo installing dependencies " + marker + "\"]\n"
                + "COPY www /www\n";
        long first = apps.build(app, Tarball.create().file("Dockerfile", dockerfile).file("busybox", Tarball.busybox(), 0755)
                .file("www/index.html", "v1").gzip());
        long second = apps.build(app, Tarball.create().file("Dockerfile", dockerfile).file("busybox", Tarball.busybox(), 0755)
                .file("www/index.html", "v2").gzip());
        String firstLog = given().get("/api/builds/{id}/log", first).asString();
        String log = given().get("/api/builds/{id}/log", second).asString();
        assertTrue(firstLog.contains("installing dependencies " + marker + "\n"), firstLog);
        // The RUN step did not run again: it came from the cache, and only the changed COPY was built.
        assertTrue(!log.contains("installing dependencies " + marker + "\n"), log);
        assertEquals(2, log.split("Using cache", -1).length - 1, log);
        // The labels (build id, creation time) come after the user's steps, in one step.
        Map<String, String> labels = docker.inspectImageCmd("fjord/" + app + ":" + second).exec().getConfig().getLabels();
        assertEquals(Long.toString(second), labels.get("io.fjord.build"));
    }

    @Test
    void aFailingRunStepFailsTheBuildWithDockersErrorAndLeavesNoImage() throws Exception {
        String app = newApp();
        long id = apps.build(app, Tarball.create()
                .file("Dockerfile", """
                        FROM scratch
                        COPY busybox /bin/busybox
                        RUN ["/bin/busybox", "sh", "-c", "echo about to fail; exit 3"]
                        """)
                .file("busybox", Tarball.busybox(), 0755).gzip());
        String error = "The command '/bin/busybox sh -c echo about to fail; exit 3' returned a non-zero code: 3";
        given().get("/api/builds/{id}", id).then()
                .body("status", equalTo("failed"))
                .body("error", equalTo(error))
                .body("image", nullValue())
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
        String log = given().get("/api/builds/{id}/log", id).asString();
        assertTrue(log.contains("about to fail\n"), log);
        assertTrue(log.endsWith(error + "\n"), log);

        BuildFailed failed = EventJson.data(bus.await(RoutingKeys.BUILD_FAILED,
                e -> EventJson.data(e, BuildFailed.class).buildId() == id, EVENT_TIMEOUT), BuildFailed.class);
        assertEquals(new BuildFailed(app, id, null, error), failed);
        assertTrue(apps.images(Map.of("io.fjord.app", app)).isEmpty());
    }

    @Test
    void anUnknownInstructionFailsTheBuild() throws Exception {
        String app = newApp();
        long id = apps.build(app, Tarball.create().file("Dockerfile", "FROM scratch\nFOO bar\n").gzip());
        String error = "dockerfile parse error line 2: unknown instruction: FOO";
        given().get("/api/builds/{id}", id).then().body("status", equalTo("failed")).body("error", equalTo(error));
        assertEquals(error + "\n", given().get("/api/builds/{id}/log", id).asString());
        bus.await(RoutingKeys.BUILD_FAILED, e -> EventJson.data(e, BuildFailed.class).buildId() == id, EVENT_TIMEOUT);
        assertTrue(apps.images(Map.of("io.fjord.app", app)).isEmpty());
    }

    @Test
    void twoReadersFollowTheLogLiveFromItsStart() throws Exception {
        String app = newApp();
        byte[] source = Tarball.ticking(4).gzip();
        long id = given().contentType("application/octet-stream").body(source)
                .post("/api/apps/{app}/builds", app).then().statusCode(202).extract().jsonPath().getLong("id");

        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<Reading> first = CompletableFuture.supplyAsync(() -> read(client, id));
        CompletableFuture<Reading> second = CompletableFuture.supplyAsync(() -> read(client, id));
        Reading one = first.get();
        Reading two = second.get();

        TestApps.awaitEnd(id);
        String stored = given().get("/api/builds/{id}/log", id).asString();
        assertEquals(stored, one.text());
        assertEquals(stored, two.text());
        assertTrue(stored.contains("tick 1\n") && stored.contains("tick 4\n"), stored);
        // Live, not buffered: "tick 1" reached the readers seconds before the log ended.
        assertTrue(one.endedAt() - one.tick1At() > 2_000_000_000L, "tick 1 arrived only at the end");
        assertTrue(two.endedAt() - two.tick1At() > 2_000_000_000L, "tick 1 arrived only at the end");
    }

    private record Reading(String text, long tick1At, long endedAt) {
    }

    @Test
    void aReaderJoiningMidBuildGetsTheLogSoFarThenTheRest() throws Exception {
        String app = newApp();
        long id = given().contentType("application/gzip").body(Tarball.ticking(5).gzip())
                .post("/api/apps/{app}/builds", app).then().statusCode(202).extract().jsonPath().getLong("id");
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<String> late = new CompletableFuture<>();
        StringBuilder early = new StringBuilder();
        try (InputStream in = client.send(HttpRequest.newBuilder(base.resolve("/api/builds/" + id + "/log")).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                early.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (!late.isDone() && early.indexOf("tick 2\n") >= 0 && early.indexOf("tick 4") < 0) {
                    // Joins now: it must get ticks 1 and 2 at once, then the rest as they come.
                    CompletableFuture.supplyAsync(() -> read(client, id)).thenAccept(reading -> {
                        assertTrue(reading.tick1At() > 0 && reading.endedAt() - reading.tick1At() > 1_000_000_000L,
                                "the late reader got the start only at the end");
                        late.complete(reading.text());
                    });
                }
            }
        }
        TestApps.awaitEnd(id);
        String stored = given().get("/api/builds/{id}/log", id).asString();
        assertEquals(stored, early.toString());
        assertEquals(stored, late.get(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** Reads the log as it streams, noting when "tick 1" arrived. */
    private Reading read(HttpClient client, long id) {
        try {
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(base.resolve("/api/builds/" + id + "/log")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            StringBuilder text = new StringBuilder();
            long tick1At = 0;
            byte[] buffer = new byte[8192];
            try (InputStream in = response.body()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (tick1At == 0 && text.indexOf("tick 1\n") >= 0) {
                        tick1At = System.nanoTime();
                    }
                }
            }
            return new Reading(text.toString(), tick1At, System.nanoTime());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBodyThatIsNotATarGzIsRefusedAndNoBuildIsRecorded() throws Exception {
        String app = newApp();
        given().contentType("application/gzip").body("this is not a tarball".getBytes(StandardCharsets.UTF_8))
                .post("/api/apps/{app}/builds", app)
                .then().statusCode(400).body("error", equalTo("the body is not a tar.gz archive"));
        given().get("/api/apps/{app}/builds", app).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void anArchiveEscapingItsFolderIsRefusedAndWritesNothingOutside() throws Exception {
        String app = newApp();
        Path workDir = builds.workDir().toAbsolutePath();
        given().contentType("application/x-gzip")
                .body(Tarball.create().file("Dockerfile", "FROM scratch\n").file("../evil", "boom")
                        .file("../../evil", "boom").gzip())
                .post("/api/apps/{app}/builds", app)
                .then().statusCode(400)
                .body("error", equalTo("unsafe archive entry '../evil': '..' would leave the archive's folder"));
        given().contentType("application/gzip")
                .body(Tarball.create().file("Dockerfile", "FROM scratch\n").symlink("etc", "/etc").gzip())
                .post("/api/apps/{app}/builds", app)
                .then().statusCode(400).body("error", containsString("absolute"));
        given().get("/api/apps/{app}/builds", app).then().body("", hasSize(0));
        assertFalse(Files.exists(workDir.resolve("evil")));
        assertFalse(Files.exists(workDir.getParent().resolve("evil")));
    }

    @Test
    void anArchiveWithoutADockerfileIsRefused() throws Exception {
        String app = newApp();
        given().contentType("application/gzip").body(Tarball.create().file("README", "hi").gzip())
                .post("/api/apps/{app}/builds", app)
                .then().statusCode(400).body("error", equalTo("there is no Dockerfile at the root of the archive"));
        given().get("/api/apps/{app}/builds", app).then().body("", hasSize(0));
    }

    @Test
    void wrongMediaTypesTooLargeBodiesAndBadCommitsAreRefused() throws Exception {
        String app = newApp();
        given().contentType("text/plain").body("FROM scratch")
                .post("/api/apps/{app}/builds", app)
                .then().statusCode(415).body("error", containsString("application/gzip"));
        byte[] tooLarge = new byte[(int) builds.maxUploadSize().asLongValue() + 1];
        given().contentType("application/gzip").body(tooLarge)
                .post("/api/apps/{app}/builds", app)
                .then().statusCode(413).body("error", equalTo("the archive is larger than 8 MiB"));
        given().contentType("application/gzip").body(Tarball.busyboxApp("x").gzip()).queryParam("commit", "HEAD; rm")
                .post("/api/apps/{app}/builds", app)
                .then().statusCode(400).body("error", containsString("commit"));
        given().get("/api/apps/{app}/builds", app).then().body("", hasSize(0));
    }

    @Test
    void unknownAppsAndBadNamesAreNotFound() {
        for (String app : List.of(TestApps.randomName("nobody"), "Bad_Name", "api", "a")) {
            given().contentType("application/gzip").body(Tarball.busyboxApp("x").gzip())
                    .post("/api/apps/{app}/builds", app)
                    .then().statusCode(404).body("error", equalTo("no app named '" + app + "'"));
            given().get("/api/apps/{app}/builds", app).then().statusCode(404);
        }
    }

    @Test
    void unknownAndMalformedBuildIdsAreNotFound() {
        for (String id : List.of("987654321", "abc", "-1", "99999999999999999999999")) {
            given().get("/api/builds/{id}", id).then().statusCode(404).body("error", containsString("no build"));
            given().get("/api/builds/{id}/log", id).then().statusCode(404).body("error", containsString("no build"));
        }
    }

    @Test
    void theListIsNewestFirstAndLimited() throws Exception {
        String app = newApp();
        long older = apps.build(app, Tarball.create().file("Dockerfile", "FROM scratch\nBAD x\n").gzip());
        long newer = apps.build(app, Tarball.create().file("Dockerfile", "FROM scratch\nBAD y\n").gzip());
        given().get("/api/apps/{app}/builds", app).then()
                .body("id", equalTo(List.of((int) newer, (int) older)));
        given().queryParam("limit", 1).get("/api/apps/{app}/builds", app).then()
                .body("id", equalTo(List.of((int) newer)));
        given().queryParam("limit", 0).get("/api/apps/{app}/builds", app).then().statusCode(400);
    }
}
