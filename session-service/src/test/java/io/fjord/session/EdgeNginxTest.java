package io.fjord.session;

import static io.fjord.session.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.session.support.BootstrapToken;
import io.fjord.session.support.EdgeOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The edge as the lead will configure it: a real nginx (its own directory, a free loopback port) with
 * the auth_request block of src/test/resources/edge/nginx.conf in front of this service, whose
 * EdgeAuthFilter is on. Every call here goes through nginx, as a client's would.
 */
@QuarkusTest
@TestProfile(EdgeOn.class)
class EdgeNginxTest {
    private static Process nginx;
    private static Path dir;
    private static int port;

    @ConfigProperty(name = "fjord.auth.edge-secret")
    String edgeSecret;

    /** Starts nginx once the service runs (its port is known only then). */
    @BeforeEach
    void startNginx() throws Exception {
        if (nginx != null) {
            return;
        }
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "edge-nginx-");
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String config;
        try (InputStream template = getClass().getResourceAsStream("/edge/nginx.conf")) {
            config = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{listen}", "127.0.0.1:" + port)
                    .replace("{dir}", dir.toString())
                    .replace("{sessionService}", "127.0.0.1:" + RestAssured.port)
                    .replace("{edgeSecret}", edgeSecret);
        }
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config);
        nginx = new ProcessBuilder("nginx", "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", conf.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!nginx.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("out.log"))
                            + Files.readString(dir.resolve("error.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
            nginx = null;
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static RequestSpecification edge() {
        return given().baseUri("http://127.0.0.1").port(port).header("Host", "api.fjord.localhost");
    }

    private static RequestSpecification edge(String token) {
        return edge().header("Authorization", "Bearer " + token);
    }

    private static String createToken(String scope) {
        return edge(BootstrapToken.token()).contentType(ContentType.JSON)
                .body("{\"name\": \"" + unique("edge") + "\", \"scope\": \"" + scope + "\"}")
                .when().post("/api/tokens").then().statusCode(201).extract().path("token");
    }

    @Test
    void withoutACredentialTheEdgeAnswers401InJson() {
        edge().when().get("/api/tokens").then().statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", "Bearer realm=\"fjord\"")
                .body("error", equalTo("a valid token or login is required"));
        edge("fjord_0000000000000000000000000000000000000000000").when().get("/api/tokens").then().statusCode(401);
    }

    @Test
    void anAdminPassesAndTheServiceLearnsWhoItWasNotWhoTheClientClaims() {
        String name = unique("edge");
        edge(BootstrapToken.token()).header("X-Fjord-Actor", "user:forged").header("X-Fjord-Edge", "forged")
                .contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"scope\": \"sessions\"}")
                .when().post("/api/tokens").then().statusCode(201);
        edge(BootstrapToken.token()).when().get("/api/tokens").then().statusCode(200)
                .body("find { it.name == '" + name + "' }.createdBy", equalTo("token:install"));
    }

    @Test
    void outsideItsScopeATokenGets403() {
        edge(createToken("app:shop:read")).contentType(ContentType.JSON).body("{\"name\": \"x\", \"scope\": \"admin\"}")
                .when().post("/api/tokens").then().statusCode(403).contentType(ContentType.JSON)
                .body("error", equalTo("this call is outside the scope of the token or user"));
    }

    @Test
    void aRevokedTokenIsRefusedOnItsNextCall() {
        String admin = BootstrapToken.token();
        String name = unique("app");
        var created = edge(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"scope\": \"sessions\"}")
                .when().post("/api/tokens").then().statusCode(201).extract();
        String token = created.path("token");
        String session = edge(token).contentType(ContentType.JSON).body("{\"data\": {\"user\": \"ada\"}}")
                .when().post("/api/sessions").then().statusCode(201).extract().path("id");
        edge(token).when().delete("/api/sessions/" + session).then().statusCode(204);
        edge(admin).when().delete("/api/tokens/" + created.path("id")).then().statusCode(204);
        edge(token).contentType(ContentType.JSON).body("{\"data\": {}}")
                .when().post("/api/sessions").then().statusCode(401);
    }

    @Test
    void aBrowserLogsInThroughTheEdgeAndOut() {
        String user = unique("ada");
        edge(BootstrapToken.token()).contentType(ContentType.JSON)
                .body("{\"name\": \"" + user + "\", \"password\": \"correct horse battery\", \"scope\": \"admin\"}")
                .when().post("/api/users").then().statusCode(201);
        var login = edge().contentType(ContentType.JSON)
                .body("{\"user\": \"" + user + "\", \"password\": \"correct horse battery\"}")
                .when().post("/api/login").then().statusCode(200).extract();
        assertTrue(login.header("Set-Cookie").endsWith("; Path=/; HttpOnly; SameSite=Strict"), login.header("Set-Cookie"));
        String session = login.cookie("fjord_session");
        edge().cookie("fjord_session", session).when().get("/api/audit?limit=1").then().statusCode(200);
        edge().cookie("fjord_session", session).when().post("/api/logout").then().statusCode(204);
        edge().cookie("fjord_session", session).when().get("/api/audit?limit=1").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/apps/shop/redis-credentials", "/auth/verify", "/q/health/ready", "/_fjord/auth"})
    void theServicesOwnPathsAreNotReachableFromOutside(String path) {
        edge(BootstrapToken.token()).header("X-Fjord-Edge", edgeSecret).when().get(path).then().statusCode(404);
    }

    /** Raw request lines, exactly as a client may send them (HTTP libraries would tidy the paths). */
    @ParameterizedTest
    @ValueSource(strings = {"/api/sessions/../tokens", "/api/sessions/%2e%2e/tokens", "/api/sessions/..%2Ftokens",
            "/api//tokens", "/api/sessions/x/../../tokens"})
    void pathTricksDoNotWidenAScope(String path) throws IOException {
        assertEquals("HTTP/1.1 403 Forbidden", rawGet(path, createToken("sessions")), path);
    }

    @Test
    void aPlainPathWithTheRightScopePasses() throws IOException {
        assertEquals("HTTP/1.1 404 Not Found", rawGet("/api/sessions/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                createToken("sessions")), "through the edge to the session store, which knows no such session");
    }

    private static String rawGet(String path, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: api.fjord.localhost\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(0, answer.indexOf("\r\n"));
        }
    }
}
