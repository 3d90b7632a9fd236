package io.fjord.session;

import static io.fjord.session.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.session.support.EdgeOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The platform kit's EdgeAuthFilter switched on, as it will be in production: API calls that did not
 * come through nginx (no X-Fjord-Edge secret) are refused; nginx's own calls and the health checks pass.
 */
@QuarkusTest
@TestProfile(EdgeOn.class)
class EdgeFilterTest {
    private static final String EDGE = "X-Fjord-Edge";

    @ConfigProperty(name = "fjord.auth.edge-secret")
    String edgeSecret;

    @ParameterizedTest
    @ValueSource(strings = {"/api/tokens", "/api/users", "/api/audit", "/api/sessions/abc", "/api/nothing-here",
            "/api", "//api/tokens", "/api/../api/tokens", "/q/../api/tokens", "/api/./tokens"})
    void apiCallsWithoutTheEdgesSecretAre401(String path) {
        given().urlEncodingEnabled(false).when().get(path)
                .then().statusCode(401).contentType(ContentType.JSON).body("error", notNullValue());
        given().urlEncodingEnabled(false).header(EDGE, "wrong").when().get(path).then().statusCode(401);
    }


    @Test
    void evenLoginNeedsTheEdge() {
        given().contentType(ContentType.JSON).body("{\"user\": \"admin\", \"password\": \"whatever it is\"}")
                .when().post("/api/login").then().statusCode(401).header("Set-Cookie", nullValue());
    }

    @Test
    void withTheSecretTheCallPassesAndTheActorIsKnown() {
        String name = unique("edge");
        given().header(EDGE, edgeSecret).header("X-Fjord-Actor", "user:ada").header("X-Real-IP", "203.0.113.5")
                .contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"scope\": \"sessions\"}")
                .when().post("/api/tokens").then().statusCode(201);
        given().header(EDGE, edgeSecret).when().get("/api/tokens")
                .then().statusCode(200).body("find { it.name == '" + name + "' }.createdBy", equalTo("user:ada"));
    }

    @Test
    void nginxsQuestionAndTheHealthChecksNeedNoSecret() {
        // /auth/verify answers for itself: here, no credential.
        given().header("X-Original-Method", "GET").header("X-Original-URI", "/api/apps")
                .when().get("/auth/verify").then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"fjord\"");
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/internal/apps/shop/redis-credentials").then().statusCode(401);
        given().header(EDGE, edgeSecret).when().get("/api/tokens").then().statusCode(200).body("name", hasItem("install"));
    }

    /** Raw request lines, as a client on the host may send them (HTTP libraries would tidy the paths). */
    @ParameterizedTest
    @ValueSource(strings = {"/api/tokens", "//api/tokens", "/api/../api/tokens", "/x/../api/tokens", "/%61pi/tokens",
            "/api%2Ftokens", "/api/%2e/tokens", "/API/tokens", "/api/tokens;x=1", "/api/tokens/", "/./api/tokens"})
    void noSpellingOfAnApiPathGetsPastTheFilter(String path) throws IOException {
        String status = rawGet(path);
        assertTrue(status.startsWith("HTTP/1.1 401") || status.startsWith("HTTP/1.1 404")
                || status.startsWith("HTTP/1.1 400"), path + ": " + status);
    }

    private static String rawGet(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(0, answer.indexOf("\r\n"));
        }
    }
}
