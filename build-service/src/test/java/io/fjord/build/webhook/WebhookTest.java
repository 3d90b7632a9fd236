package io.fjord.build.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;

import io.fjord.build.git.GitConfig;
import io.fjord.build.source.Trees;
import io.fjord.build.testing.Commands;
import io.fjord.build.testing.GitDaemon;
import io.fjord.build.testing.GitHttpServer;
import io.fjord.build.testing.TestApps;
import io.fjord.events.BuildSucceeded;
import io.fjord.events.EventJson;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Signed webhooks in each provider's documented format, against git servers on loopback (git daemon, and
 * git http-backend behind a token): a valid delivery builds and announces the image; a wrong or missing
 * signature, a redelivery, another branch and other events do not.
 */
@QuarkusTest
class WebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static TestBus bus;
    static GitDaemon daemon;

    @Inject
    DockerClient docker;
    @Inject
    GitConfig git;

    TestApps apps;
    Path work;

    @BeforeAll
    static void start() throws Exception {
        bus = TestBus.watching(RoutingKeys.BUILD_SUCCEEDED, RoutingKeys.BUILD_FAILED);
        daemon = new GitDaemon();
    }

    @AfterAll
    static void stop() throws Exception {
        daemon.close();
        bus.close();
    }

    @BeforeEach
    void prepare() throws Exception {
        apps = new TestApps(bus, git.root(), docker);
        work = Files.createTempDirectory("fjord-webhook-test-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        apps.close();
        Trees.deleteQuietly(work);
    }

    /** Sets up the app's webhook and answers the generated secret. */
    private static String webhook(String app, Map<String, Object> settings) {
        return given().contentType(ContentType.JSON).body(settings).put("/api/apps/{app}/webhook", app)
                .then().statusCode(200).body("secret", matchesPattern("[0-9a-f]{64}"))
                .extract().jsonPath().getString("secret");
    }

    private static String hmac(String secret, byte[] body) {
        return HexFormat.of().formatHex(Signatures.hmacSha256(secret, body));
    }

    private static ValidatableResponse deliver(String provider, String app, Map<String, String> headers, byte[] body) {
        return given().headers(headers).contentType(ContentType.JSON).body(body)
                .post("/webhooks/{provider}/{app}", provider, app).then();
    }

    private static Map<String, String> github(String event, String delivery, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", delivery);
        headers.put("User-Agent", "GitHub-Hookshot/044aadd");
        if (signature != null) {
            headers.put("X-Hub-Signature-256", "sha256=" + signature);
        }
        return headers;
    }

    private static byte[] githubPush(String ref, String commit, String cloneUrl) throws Exception {
        ObjectNode payload = (ObjectNode) ProviderTest.sample("github-push.json");
        payload.put("ref", ref);
        payload.put("after", commit);
        ((ObjectNode) payload.path("head_commit")).put("id", commit);
        ((ObjectNode) payload.path("repository")).put("clone_url", cloneUrl);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(payload);
    }

    private static int builds(String app) {
        return given().get("/api/apps/{app}/builds", app).jsonPath().getList("id").size();
    }

    private static long deliveries(String deliveryId) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.count("deliveryId", deliveryId));
    }

    @Test
    void aSignedGithubPushBuildsOnceAndTheRestIsRefusedOrIgnored() throws Exception {
        String app = apps.create("wh");
        String secret = webhook(app, Map.of("branch", "main"));
        Path src = Files.createDirectories(work.resolve("src"));
        String commit = Commands.busyboxApp(src, "hello from a webhook");
        String url = daemon.publish(src, app, "main");
        byte[] body = githubPush("refs/heads/main", commit, url);
        String delivery = UUID.randomUUID().toString();

        // A wrong signature, then none at all: 401, nothing recorded, nothing built.
        deliver("github", app, github("push", delivery, hmac("not the secret", body)), body).statusCode(401)
                .body("error", containsString("X-Hub-Signature-256 does not match"));
        deliver("github", app, github("push", delivery, null), body).statusCode(401)
                .body("error", containsString("X-Hub-Signature-256 header is missing"));
        // Signed, but the body changed after signing.
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("octocat", "octopus").getBytes(StandardCharsets.UTF_8);
        deliver("github", app, github("push", delivery, hmac(secret, body)), tampered).statusCode(401);
        assertEquals(0, deliveries(delivery));
        assertEquals(0, builds(app));

        long id = deliver("github", app, github("push", delivery, hmac(secret, body)), body).statusCode(202)
                .body("status", equalTo("queued")).body("commit", equalTo(commit))
                .extract().jsonPath().getLong("build");
        TestApps.awaitEnd(id);
        given().get("/api/builds/{id}", id).then().body("status", equalTo("succeeded")).body("commit", equalTo(commit));
        BuildSucceeded succeeded = EventJson.data(bus.await(RoutingKeys.BUILD_SUCCEEDED,
                e -> EventJson.data(e, BuildSucceeded.class).buildId() == id, Duration.ofSeconds(30)),
                BuildSucceeded.class);
        assertEquals(commit, succeeded.commit());
        assertEquals(8080, succeeded.exposedPort());
        String log = given().get("/api/builds/{id}/log", id).asString();
        assertTrue(log.startsWith("-----> Fetching " + url + " at " + commit + "\n"), log);
        Map<String, String> labels = docker.inspectImageCmd(succeeded.image()).exec().getConfig().getLabels();
        assertEquals(commit, labels.get("org.opencontainers.image.revision"));
        assertEquals("https://github.com/octocat/shop", labels.get("org.opencontainers.image.source"));

        // GitHub's "Redeliver" sends the same delivery id again: answered, not built twice.
        deliver("github", app, github("push", delivery, hmac(secret, body)), body).statusCode(200)
                .body("status", equalTo("duplicate"));
        assertEquals(1, deliveries(delivery));

        // A push to another branch, a ping, a deleted branch: answered without a build.
        byte[] feature = githubPush("refs/heads/feature", commit, url);
        deliver("github", app, github("push", UUID.randomUUID().toString(), hmac(secret, feature)), feature)
                .statusCode(200).body("status", equalTo("ignored")).body("reason", containsString("refs/heads/main"));
        byte[] ping = JSON.writeValueAsBytes(ProviderTest.sample("github-ping.json"));
        deliver("github", app, github("ping", UUID.randomUUID().toString(), hmac(secret, ping)), ping)
                .statusCode(200).body("status", equalTo("ignored")).body("event", equalTo("ping"));
        ObjectNode deleted = (ObjectNode) JSON.readTree(body);
        deleted.put("deleted", true).put("after", "0000000000000000000000000000000000000000");
        byte[] deletion = JSON.writeValueAsBytes(deleted);
        deliver("github", app, github("push", UUID.randomUUID().toString(), hmac(secret, deletion)), deletion)
                .statusCode(200).body("status", equalTo("ignored")).body("reason", containsString("deleted"));
        assertEquals(1, builds(app));
    }

    @Test
    void giteaGitlabAndBitbucketPushesBuildWithTheirOwnHeaders() throws Exception {
        String app = apps.create("wh");
        Path src = Files.createDirectories(work.resolve("src"));
        String commit = Commands.busyboxApp(src, "v1");
        String url = daemon.publish(src, app, "main");

        String secret = webhook(app, Map.of("branch", "main"));
        ObjectNode gitea = (ObjectNode) ProviderTest.sample("gitea-push.json");
        gitea.put("after", commit);
        ((ObjectNode) gitea.path("repository")).put("clone_url", url);
        byte[] giteaBody = JSON.writeValueAsBytes(gitea);
        long giteaBuild = deliver("gitea", app, Map.of("X-Gitea-Event", "push", "X-Gitea-Delivery",
                UUID.randomUUID().toString(), "X-Gitea-Signature", hmac(secret, giteaBody)), giteaBody)
                .statusCode(202).extract().jsonPath().getLong("build");

        ObjectNode gitlab = (ObjectNode) ProviderTest.sample("gitlab-push.json");
        gitlab.put("after", commit).put("checkout_sha", commit);
        ((ObjectNode) gitlab.path("project")).put("git_http_url", url);
        byte[] gitlabBody = JSON.writeValueAsBytes(gitlab);
        deliver("gitlab", app, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Event-UUID", UUID.randomUUID().toString(),
                "X-Gitlab-Token", "wrong"), gitlabBody).statusCode(401);
        long gitlabBuild = deliver("gitlab", app, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Event-UUID",
                UUID.randomUUID().toString(), "X-Gitlab-Token", secret), gitlabBody)
                .statusCode(202).extract().jsonPath().getLong("build");

        // Bitbucket's payload names no clone URL of ours: the app's settings give it.
        String bitbucketSecret = webhook(app, Map.of("branch", "main", "repositoryUrl", url));
        ObjectNode bitbucket = (ObjectNode) ProviderTest.sample("bitbucket-push.json");
        ((ObjectNode) bitbucket.at("/push/changes/0/new/target")).put("hash", commit);
        byte[] bitbucketBody = JSON.writeValueAsBytes(bitbucket);
        long bitbucketBuild = deliver("bitbucket", app, Map.of("X-Event-Key", "repo:push", "X-Request-UUID",
                UUID.randomUUID().toString(), "X-Hub-Signature", "sha256=" + hmac(bitbucketSecret, bitbucketBody)),
                bitbucketBody).statusCode(202).extract().jsonPath().getLong("build");
        // The old secret stopped working when the settings were replaced.
        deliver("gitea", app, Map.of("X-Gitea-Event", "push", "X-Gitea-Delivery", UUID.randomUUID().toString(),
                "X-Gitea-Signature", hmac(secret, giteaBody)), giteaBody).statusCode(401);

        for (long id : new long[] { giteaBuild, gitlabBuild, bitbucketBuild }) {
            TestApps.awaitEnd(id);
            // A newer build of the app may supersede one still queued; none may fail.
            given().get("/api/builds/{id}", id).then().body("status", matchesPattern("succeeded|cancelled"))
                    .body("commit", equalTo(commit));
        }
        given().get("/api/builds/{id}", bitbucketBuild).then().body("status", equalTo("succeeded"));
    }

    @Test
    void aPrivateRepositoryIsFetchedOverHttpWithTheAppsToken() throws Exception {
        String app = apps.create("wh");
        Path src = Files.createDirectories(work.resolve("src"));
        String commit = Commands.busyboxApp(src, "private");
        daemon.publish(src, app, "main");
        String token = "ghs_" + UUID.randomUUID().toString().replace("-", "");
        try (GitHttpServer http = new GitHttpServer(daemon.base(), "x-access-token", token)) {
            String secret = webhook(app, Map.of("branch", "main", "token", token));
            given().get("/api/apps/{app}/webhook", app).then().statusCode(200)
                    .body("token", equalTo(true)).body("deployKey", equalTo(false))
                    .body("$", not(hasKey("secret"))).body(not(containsString(token)));
            byte[] body = githubPush("refs/heads/main", commit, http.url(app));
            long id = deliver("github", app, github("push", UUID.randomUUID().toString(), hmac(secret, body)), body)
                    .statusCode(202).extract().jsonPath().getLong("build");
            TestApps.awaitEnd(id);
            given().get("/api/builds/{id}", id).then().body("status", equalTo("succeeded"));
            assertTrue(!given().get("/api/builds/{id}/log", id).asString().contains(token), "the token is in the log");

            // Without the token the host refuses, and the build fails saying so.
            String unauthorized = webhook(app, Map.of("branch", "main"));
            long refused = deliver("github", app, github("push", UUID.randomUUID().toString(),
                    hmac(unauthorized, body)), body).statusCode(202).extract().jsonPath().getLong("build");
            TestApps.awaitEnd(refused);
            given().get("/api/builds/{id}", refused).then().body("status", equalTo("failed"))
                    .body("error", containsString("could not fetch"));
            assertTrue(http.refused() > 0);
        }
    }

    @Test
    void unknownProvidersAppsAndAppsWithoutAWebhookAreNotFound() throws Exception {
        String app = apps.create("wh");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        deliver("gogs", app, Map.of(), body).statusCode(404).body("error", containsString("github"));
        deliver("github", app, Map.of(), body).statusCode(404).body("error", containsString("no webhook"));
        deliver("github", TestApps.randomName("nobody"), Map.of(), body).statusCode(404);
        deliver("github", "../../etc", Map.of(), body).statusCode(404);
        given().get("/api/apps/{app}/webhook", app).then().statusCode(404);
        given().get("/api/apps/{app}/webhook", TestApps.randomName("nobody")).then().statusCode(404)
                .body("error", containsString("no app"));
    }

    @Test
    void settingsAreValidatedAndSecretsNeverShownAgain() throws Exception {
        String app = apps.create("wh");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{\"branch\": \"../x\"}", "branch");
        bad.put("{\"branch\": \"main\", \"secret\": \"short\"}", "secret");
        bad.put("{\"repositoryUrl\": \"file:///etc\"}", "repositoryUrl");
        bad.put("{\"repositoryUrl\": \"/var/lib/fjord/git/other.git\"}", "repositoryUrl");
        bad.put("{\"repositoryUrl\": \"https://user:hunter2@example.com/x.git\"}", "password");
        bad.put("{\"deployKey\": \"ssh-ed25519 AAAA\"}", "deployKey");
        bad.put("{\"deployKey\": \"-----BEGIN OPENSSH PRIVATE KEY-----\\nAAAA\\n-----END OPENSSH PRIVATE KEY-----\"}",
                "deploy key cannot be read");
        bad.put("{\"token\": \"has spaces in it\"}", "token");
        bad.forEach((body, error) -> given().contentType(ContentType.JSON).body(body)
                .put("/api/apps/{app}/webhook", app).then().statusCode(400).body("error", containsString(error)));
        given().get("/api/apps/{app}/webhook", app).then().statusCode(404);

        String chosen = "a-secret-of-my-own-choosing";
        given().contentType(ContentType.JSON).body(Map.of("branch", "release/2024", "secret", chosen, "token", "t0k3n"))
                .put("/api/apps/{app}/webhook", app).then().statusCode(200)
                .body("branch", equalTo("release/2024")).body("$", not(hasKey("secret")))
                .body("endpoints[0]", equalTo("/webhooks/github/" + app));
        given().get("/api/apps/{app}/webhook", app).then().statusCode(200)
                .body(not(containsString(chosen))).body(not(containsString("t0k3n"))).body("token", equalTo(true));
        String stored = QuarkusTransaction.requiringNew().call(() -> {
            AppWebhook row = AppWebhook.findById(app);
            return row.secret + row.token;
        });
        assertTrue(!stored.contains(chosen) && !stored.contains("t0k3n"), "stored in the clear: " + stored);

        given().delete("/api/apps/{app}/webhook", app).then().statusCode(204);
        given().get("/api/apps/{app}/webhook", app).then().statusCode(404);
    }
}
