package io.fjord.build.ssh;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;

import io.fjord.build.git.GitConfig;
import io.fjord.build.source.Trees;
import io.fjord.build.testing.Commands;
import io.fjord.build.testing.Commands.Result;
import io.fjord.build.testing.ReleasesStub;
import io.fjord.build.testing.ReleasesStub.Outcome;
import io.fjord.build.testing.Sshd;
import io.fjord.build.testing.TestApps;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * git push over SSH, end to end: a real sshd on a loopback port reads the authorized_keys build-service
 * writes from the keys registered through the API; a real git client pushes with such a key and sees
 * the build log; an unregistered key, a removed key and anything but git are refused.
 */
@QuarkusTest
class GitSshPushTest {
    static TestBus bus;
    static ReleasesStub releases;
    static Sshd sshd;

    @Inject
    DockerClient docker;
    @Inject
    GitConfig git;
    @Inject
    SshConfig ssh;

    Path work;
    TestApps apps;

    @BeforeAll
    static void start() throws Exception {
        bus = TestBus.watching(RoutingKeys.BUILD_SUCCEEDED, RoutingKeys.BUILD_FAILED);
        releases = new ReleasesStub(18091, "http://127.0.0.1:18081");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        releases.close();
        bus.close();
    }

    @BeforeEach
    void prepare() throws Exception {
        if (sshd == null) {
            sshd = new Sshd(ssh.authorizedKeys());
        }
        apps = new TestApps(bus, git.root(), docker);
        work = Files.createTempDirectory("fjord-ssh-test-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        given().get("/api/keys").jsonPath().getList("id", Long.class)
                .forEach(id -> given().delete("/api/keys/{id}", id));
        apps.close();
        Trees.deleteQuietly(work);
    }

    private long register(Path key) throws Exception {
        return given().contentType(ContentType.JSON)
                .body(Map.of("publicKey", Files.readString(Path.of(key + ".pub")), "name", "test key"))
                .post("/api/keys").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private Result push(Path src, Path key, String app) throws Exception {
        Result push = Commands.run(src, Map.of("GIT_SSH_COMMAND", sshd.sshCommand(key)), "git", "push",
                sshd.url(app), "main");
        System.out.printf("---- git push over ssh (exit %d) ----%n%s---- end of push ----%n", push.exitCode(),
                push.output());
        return push;
    }

    private Result ssh(Path key, String... command) throws Exception {
        String[] line = new String[command.length + 1];
        line[0] = sshd.sshCommand(key) + " " + Sshd.user() + "@127.0.0.1";
        System.arraycopy(command, 0, line, 1, command.length);
        return Commands.run(work, Map.of(), "sh", "-c", String.join(" ", line));
    }

    @Test
    void aRegisteredKeyPushesAndSeesTheBuildLogLive() throws Exception {
        String app = apps.create("ssh");
        releases.outcome(app, Outcome.LIVE);
        Path key = Sshd.newKey(work, "alice");
        register(key);
        Path src = Files.createDirectories(work.resolve("src"));
        String commit = Commands.busyboxApp(src, "hello over ssh");

        Result push = push(src, key, app);

        assertEquals(0, push.exitCode(), push.output() + sshd.log());
        String out = push.output();
        assertTrue(out.contains("remote: -----> Building " + app + " (" + commit.substring(0, 7) + ")"), out);
        assertTrue(out.contains("remote: Step 2/") && out.contains("COPY busybox /bin/busybox"), out);
        assertTrue(out.contains("remote: Successfully tagged fjord/" + app + ":"), out);
        assertTrue(out.contains("remote: -----> " + app + " v2 is live at http://" + app + "."), out);
        assertEquals(commit, Commands.git(apps.repository(app), "rev-parse", "refs/heads/main"));
        given().get("/api/apps/{app}/builds", app).then()
                .body("[0].commit", equalTo(commit)).body("[0].status", equalTo("succeeded"));

        // The same key fetches (git-upload-pack), so a teammate can clone what is deployed.
        Result clone = Commands.run(work, Map.of("GIT_SSH_COMMAND", sshd.sshCommand(key)), "git", "clone", "-q",
                sshd.url(app), "copy");
        assertEquals(0, clone.exitCode(), clone.output());
        assertEquals(commit, Commands.git(work.resolve("copy"), "rev-parse", "HEAD"));
    }

    /**
     * A webhook build of a private repository fetched over SSH with the app's deploy key (JGit's Apache MINA
     * transport), from this test's sshd, which serves a plain bare repository below the git root.
     */
    @Test
    void aWebhookFetchesAPrivateRepositoryOverSshWithTheAppsDeployKey() throws Exception {
        String app = apps.create("ssh");
        String source = TestApps.randomName("private");
        Path repository = git.root().toAbsolutePath().resolve(source + ".git");
        try {
            Commands.git(work, "init", "-q", "--bare", repository.toString());
            Path src = Files.createDirectories(work.resolve("src"));
            String commit = Commands.busyboxApp(src, "fetched over ssh");
            Commands.git(src, "push", "-q", repository.toString(), "main");
            Path deployKey = Sshd.newKey(work, "deploy");
            register(deployKey); // the host's side of a deploy key

            String url = sshd.url(source);
            String secret = given().contentType(ContentType.JSON)
                    .body(Map.of("branch", "main", "repositoryUrl", url, "deployKey", Files.readString(deployKey)))
                    .put("/api/apps/{app}/webhook", app).then().statusCode(200).body("deployKey", equalTo(true))
                    .extract().jsonPath().getString("secret");
            byte[] body = ("{\"ref\": \"refs/heads/main\", \"after\": \"" + commit + "\", \"repository\": "
                    + "{\"clone_url\": \"https://git.example.com/x.git\"}}").getBytes(StandardCharsets.UTF_8);
            String signature = HexFormat.of().formatHex(hmac(secret, body));
            long id = given().header("X-Gitea-Event", "push").header("X-Gitea-Delivery", UUID.randomUUID()
                    .toString()).header("X-Gitea-Signature", signature).contentType(ContentType.JSON).body(body)
                    .post("/webhooks/gitea/{app}", app).then().statusCode(202).extract().jsonPath().getLong("build");
            TestApps.awaitEnd(id);
            String log = given().get("/api/builds/{id}/log", id).asString();
            given().get("/api/builds/{id}", id).then().body("status", equalTo("succeeded")).body("commit", equalTo(commit));
            assertTrue(log.startsWith("-----> Fetching " + url + " at " + commit + "\n"), log);
            assertTrue(log.contains("-----> Host key of ") && log.contains("(accepted, not pinned)"), log);
        } finally {
            Trees.deleteQuietly(repository);
        }
    }

    private static byte[] hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }

    @Test
    void anUnregisteredKeyOrARemovedOneIsRefused() throws Exception {
        String app = apps.create("ssh");
        Path src = Files.createDirectories(work.resolve("src"));
        Commands.busyboxApp(src, "v1");
        Path stranger = Sshd.newKey(work, "mallory");
        register(Sshd.newKey(work, "alice")); // some key is registered, just not this one

        Result push = push(src, stranger, app);
        assertNotEquals(0, push.exitCode());
        assertTrue(push.output().contains("Permission denied (publickey)"), push.output());

        Path bob = Sshd.newKey(work, "bob");
        long id = register(bob);
        given().delete("/api/keys/{id}", id).then().statusCode(204);
        Result afterRemoval = push(src, bob, app);
        assertNotEquals(0, afterRemoval.exitCode());
        assertTrue(afterRemoval.output().contains("Permission denied (publickey)"), afterRemoval.output());
        given().get("/api/apps/{app}/builds", app).then().body("size()", equalTo(0));
        assertNotEquals(0, Commands.run(apps.repository(app), Map.of(), "git", "rev-parse", "--verify", "-q",
                "refs/heads/main").exitCode(), "nothing was stored");
    }

    @Test
    void theForcedCommandRefusesAnythingButGitForAnApp() throws Exception {
        Path key = Sshd.newKey(work, "alice");
        register(key);

        Result ls = ssh(key, "ls", "/");
        assertNotEquals(0, ls.exitCode());
        assertTrue(ls.output().contains("fjord: 'ls /' is not allowed; this account only takes git pushes"),
                ls.output());
        assertTrue(!ls.output().contains("bin"), "ls ran: " + ls.output());

        Result shell = ssh(key);
        assertNotEquals(0, shell.exitCode());
        assertTrue(shell.output().contains("fjord: no shell here"), shell.output());

        Result escape = ssh(key, "\"git-receive-pack '/../../etc.git'\"");
        assertNotEquals(0, escape.exitCode());
        assertTrue(escape.output().contains("is not a Fjord app's repository"), escape.output());

        Result chained = ssh(key, "\"git-upload-pack '/x.git'; id\"");
        assertNotEquals(0, chained.exitCode());
        assertTrue(chained.output().contains("is not a Fjord app's repository") && !chained.output().contains("uid="),
                chained.output());

        Path src = Files.createDirectories(work.resolve("src"));
        Commands.busyboxApp(src, "v1");
        Result unknown = push(src, key, TestApps.randomName("nobody"));
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.output().contains("fjord: no app named"), unknown.output());

        // A remote forward the server refuses ends ssh at once; one it allowed would hang until the timeout.
        Result forwarding = Commands.run(work, Map.of(), "sh", "-c", "timeout 15 " + sshd.sshCommand(key)
                + " -o ExitOnForwardFailure=yes -N -R 127.0.0.1:0:127.0.0.1:22 " + Sshd.user() + "@127.0.0.1");
        assertEquals(255, forwarding.exitCode(), "port forwarding was allowed: " + forwarding.output());
    }
}
