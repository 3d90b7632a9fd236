package io.fjord.build.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;

import io.fjord.build.git.GitConfig;
import io.fjord.build.testing.Tarball;
import io.fjord.build.testing.TestApps;
import io.fjord.build.testing.Waits;
import io.fjord.events.AppCreated;
import io.fjord.events.AppDestroyed;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AppEventsTest {
    static TestBus bus;

    @Inject
    DockerClient docker;
    @Inject
    GitConfig git;

    @BeforeAll
    static void connect() throws Exception {
        bus = TestBus.watching(RoutingKeys.BUILD_SUCCEEDED);
    }

    @AfterAll
    static void disconnect() throws Exception {
        bus.close();
    }

    @Test
    void appCreatedMakesABareRepositoryWithAnExecutableHook() throws Exception {
        try (TestApps apps = new TestApps(bus, git.root(), docker)) {
            String app = apps.create("ev");
            Path repo = apps.repository(app);
            try (Repository repository = new FileRepositoryBuilder().setGitDir(repo.toFile()).setMustExist(true).build()) {
                assertTrue(repository.isBare());
                assertEquals("refs/heads/main", repository.getFullBranch());
            }
            Path hook = repo.resolve("hooks/pre-receive");
            assertTrue(Files.getPosixFilePermissions(hook).contains(PosixFilePermission.OTHERS_EXECUTE));
            String script = Files.readString(hook);
            assertTrue(script.contains("APP='" + app + "'"), script);
            assertTrue(script.contains("BUILD_URL='http://127.0.0.1:18081'"), script);
            assertTrue(script.contains("DEPLOY_URL='" + git.hook().deployUrl() + "'"), script);
            assertTrue(script.contains("DOMAIN='" + git.hook().domain() + "'"), script);

            // app.created again (a redelivery by another id): the hook is rewritten in place, nothing fails.
            Object before = Files.readAttributes(hook, BasicFileAttributes.class).fileKey();
            bus.publish(RoutingKeys.APP_CREATED, app, new AppCreated(app));
            Waits.until(Duration.ofSeconds(20), "the hook is rewritten",
                    () -> fileKey(hook) != null && !before.equals(fileKey(hook)));
            given().get("/api/apps/{app}/builds", app).then().statusCode(200);
            assertTrue(Files.isExecutable(hook));
            assertEquals(script, Files.readString(hook));
        }
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (java.io.IOException e) {
            return null; // between the hook's removal and its replacement
        }
    }

    @Test
    void aBuildOfAnAppDestroyedMeanwhileFailsAndKeepsNoImage() throws Exception {
        try (TestApps apps = new TestApps(bus, git.root(), docker)) {
            String app = apps.create("ev");
            long id = given().contentType("application/gzip").body(Tarball.ticking(3).gzip())
                    .post("/api/apps/{app}/builds", app).then().statusCode(202).extract().jsonPath().getLong("id");
            bus.publish(RoutingKeys.APP_DESTROYED, app, new AppDestroyed(app));
            TestApps.awaitEnd(id);
            given().get("/api/builds/{id}", id).then()
                    .body("status", equalTo("failed"))
                    .body("error", equalTo("the app was destroyed during the build"));
            assertTrue(apps.images(Map.of("io.fjord.app", app)).isEmpty());
        }
    }

    @Test
    void appDestroyedRemovesTheAppItsRepositoryAndOnlyTheImagesFjordMade() throws Exception {
        String foreign = null;
        try (TestApps apps = new TestApps(bus, git.root(), docker)) {
            String app = apps.create("ev");
            long id = apps.build(app, Tarball.busyboxApp("bye").gzip());
            assertEquals(1, apps.images(Map.of("io.fjord.app", app, "io.fjord.managed", "true")).size());
            // An image that names the app but that Fjord did not make: destroying the app must not touch it.
            foreign = "fjord-test-foreign/" + app + ":1";
            try (var context = new java.io.ByteArrayInputStream(Tarball.create()
                    .file("Dockerfile", "FROM scratch\nCOPY up /up\n").file("up", "ok").gzip())) {
                docker.buildImageCmd().withTarInputStream(context).withTags(java.util.Set.of(foreign))
                        .withLabels(Map.of("io.fjord.app", app)).withForcerm(true)
                        .exec(new BuildImageResultCallback()).awaitImageId(60, TimeUnit.SECONDS);
            }

            bus.publish(RoutingKeys.APP_DESTROYED, app, new AppDestroyed(app));
            Waits.until(Duration.ofSeconds(20), "the repository of " + app + " is gone",
                    () -> !Files.exists(apps.repository(app)));
            Waits.until(Duration.ofSeconds(30), "the image of build " + id + " is gone",
                    () -> apps.images(Map.of("io.fjord.app", app, "io.fjord.build", Long.toString(id))).isEmpty());
            given().get("/api/apps/{app}/builds", app).then().statusCode(404);
            given().contentType("application/gzip").body(Tarball.busyboxApp("x").gzip())
                    .post("/api/apps/{app}/builds", app).then().statusCode(404);
            // The build's history stays readable.
            given().get("/api/builds/{id}", id).then().statusCode(200);
            docker.inspectImageCmd(foreign).exec(); // still there: Fjord did not make it
        } finally {
            if (foreign != null) {
                docker.removeImageCmd(foreign).withForce(true).exec();
            }
        }
    }
}
