package io.fjord.build.git;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;

import io.fjord.build.source.Trees;
import io.fjord.build.testing.ReleasesStub;
import io.fjord.build.testing.ReleasesStub.Outcome;
import io.fjord.build.testing.TestApps;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Real {@code git push}es into the bare repositories: the hook runs for real, calls this test instance
 * (fixed test port 18081), and polls {@link ReleasesStub} in deploy-service's place (port 18091).
 */
@QuarkusTest
class GitPushTest {
    static TestBus bus;
    static ReleasesStub releases;

    @Inject
    DockerClient docker;
    @Inject
    GitConfig git;

    Path work;
    TestApps apps;

    @BeforeAll
    static void start() throws Exception {
        bus = TestBus.watching(RoutingKeys.BUILD_SUCCEEDED, RoutingKeys.BUILD_FAILED);
        releases = new ReleasesStub(18091, "http://127.0.0.1:18081");
    }

    @AfterAll
    static void stop() throws Exception {
        releases.close();
        bus.close();
    }

    @BeforeEach
    void prepare() throws IOException {
        apps = new TestApps(bus, git.root(), docker);
        work = Files.createTempDirectory("fjord-push-test-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        apps.close();
        Trees.deleteQuietly(work);
    }

    private record Push(int exitCode, String output) {
    }

    private Push run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "still running: " + String.join(" ", command));
        return new Push(process.exitValue(), output);
    }

    private void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Fjord Test",
                "-c", "user.email=test@fjord.localhost"));
        command.addAll(List.of(args));
        Push result = run(dir, command.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.output());
    }

    /** A working copy of the brief's busybox app, committed on main. */
    private Path busyboxApp(String page) throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        Files.createDirectories(src.resolve("www"));
        Files.writeString(src.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                COPY www /www
                EXPOSE 8080
                CMD ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p $PORT -h /www"]
                """);
        Files.copy(Path.of("/bin/busybox"), src.resolve("busybox"));
        Files.writeString(src.resolve("www/index.html"), page + "\n");
        Files.writeString(src.resolve("www/up"), "ok\n");
        git(src, "init", "-q", "-b", "main");
        git(src, "add", ".");
        git(src, "commit", "-q", "-m", "first");
        return src;
    }

    private Push push(Path src, String app, String refspec) throws Exception {
        Push push = run(src, "git", "push", apps.repository(app).toString(), refspec);
        System.out.printf("---- git push %s (exit %d) ----%n%s---- end of push ----%n", refspec, push.exitCode(),
                push.output());
        return push;
    }

    private String head(Path dir, String rev) throws Exception {
        return run(dir, "git", "rev-parse", rev).output().strip();
    }

    @Test
    void aPushToMainShowsTheBuildLogAndWaitsUntilTheReleaseIsLive() throws Exception {
        String app = apps.create("gp");
        releases.outcome(app, Outcome.LIVE);
        Path src = busyboxApp("hello from a push");
        String commit = head(src, "HEAD");

        Push push = push(src, app, "main");

        assertEquals(0, push.exitCode(), push.output());
        String out = push.output();
        assertTrue(out.contains("remote: -----> Building " + app + " (" + commit.substring(0, 7) + ")"), out);
        assertTrue(out.contains("remote: Step 1/"), out);
        assertTrue(out.contains("remote: Step 2/") && out.contains(": COPY busybox /bin/busybox"), out);
        assertTrue(out.contains("remote: Successfully tagged fjord/" + app + ":"), out);
        assertTrue(out.contains("remote: -----> Releasing " + app + "..."), out);
        assertTrue(out.contains("remote: -----> v2: starting"), out);
        assertTrue(out.contains("remote: -----> " + app + " v2 is live at http://" + app + "." + git.hook().domain()
                + "/"), out);
        assertEquals(commit, head(apps.repository(app), "refs/heads/main"));
        given().get("/api/apps/{app}/builds", app).then()
                .body("[0].commit", equalTo(commit)).body("[0].status", equalTo("succeeded"));
    }

    @Test
    void aPushWhoseBuildFailsIsRejectedWithDockersError() throws Exception {
        String app = apps.create("gp");
        releases.outcome(app, Outcome.LIVE);
        Path src = busyboxApp("v1");
        assertEquals(0, push(src, app, "main").exitCode());
        String good = head(src, "HEAD");

        Files.writeString(src.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo compiling; /nonexistent-command\"]\n");
        git(src, "commit", "-q", "-am", "broken");
        Push push = push(src, app, "main");

        assertNotEquals(0, push.exitCode(), push.output());
        // Docker colours a RUN step's stderr; the pusher's terminal shows it, the checks ignore it.
        String out = push.output().replaceAll("\u001B\\[[0-9;]*m", "");
        String error = "The command '/bin/busybox sh -c echo compiling; /nonexistent-command' returned a non-zero code: 127";
        assertTrue(out.contains("remote: compiling"), out);
        assertTrue(out.contains("remote: " + error), out);
        assertTrue(out.contains("remote: -----> Build failed: " + error), out);
        assertTrue(out.contains("pre-receive hook declined"), out);
        assertEquals(good, head(apps.repository(app), "refs/heads/main"), "the rejected commit was stored");
    }

    @Test
    void aReleaseThatFailsRejectsThePushWithItsReason() throws Exception {
        String app = apps.create("gp");
        releases.outcome(app, Outcome.FAILED);
        Push push = push(busyboxApp("v1"), app, "main");
        assertNotEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains("remote: -----> Release v2 failed: " + ReleasesStub.FAILURE_REASON),
                push.output());
    }

    @Test
    void aReleaseThatNeverComesTimesOut() throws Exception {
        String app = apps.create("gp");
        releases.outcome(app, Outcome.NONE);
        Push push = push(busyboxApp("v1"), app, "main");
        assertNotEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains("remote: -----> Gave up waiting for " + app + " to go live after "
                + git.hook().releaseTimeout().toSeconds() + " s"), push.output());
    }

    @Test
    void otherBranchesAreStoredWithoutABuild() throws Exception {
        String app = apps.create("gp");
        Push push = push(busyboxApp("v1"), app, "main:refs/heads/feature");
        assertEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains("remote: -----> Stored refs/heads/feature without a build"), push.output());
        given().get("/api/apps/{app}/builds", app).then().body("size()", equalTo(0));
    }
}
