package io.fjord.session.api;

import static io.fjord.session.support.Api.token;
import static io.fjord.session.support.Api.verify;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.session.support.BootstrapToken;
import io.quarkus.test.junit.QuarkusTest;

/**
 * /auth/verify as nginx calls it, with real tokens from the database. The full matrix of paths and
 * roles is AccessPolicyTest's; here each kind of answer is seen over HTTP.
 */
@QuarkusTest
class VerifyResourceTest {
    private static String deployer;
    private static String reader;
    private static String sessions;

    /** Made once, when the service runs (a static @BeforeAll would come before it starts). */
    @BeforeEach
    void tokens() {
        if (deployer == null) {
            deployer = token("app:shop:deployer");
            reader = token("app:shop:read");
            sessions = token("sessions");
        }
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @CsvSource({
            "GET, /api/apps, reader, 204",
            "POST, /api/apps, deployer, 403",
            "POST, /api/apps/shop/builds, deployer, 204",
            "POST, /api/apps/shop/builds, reader, 403",
            "GET, /api/apps/shop/releases, reader, 204",
            "GET, /api/apps/other/releases, deployer, 403",
            "DELETE, /api/apps/shop, deployer, 403",
            "GET, /api/builds/42/log, reader, 204",
            "PUT, /api/sessions/abc, sessions, 204",
            "GET, /api/sessions/abc, deployer, 403",
            "GET, /api/tokens, deployer, 403",
            "GET, /api/audit, sessions, 403",
            "GET, /api/apps/shop/../../tokens, deployer, 403",
            "GET, /api/apps, nobody, 401",
            "POST, /api/login, nobody, 204",
    })
    void answers(String method, String uri, String who, int status) {
        String token = switch (who) {
            case "deployer" -> deployer;
            case "reader" -> reader;
            case "sessions" -> sessions;
            default -> null;
        };
        assertEquals(status, verify(method, uri, token).statusCode());
    }

    @Test
    void allowedCallsNameTheirActorAndRole() {
        var answer = verify("GET", "/api/apps/shop", reader);
        assertEquals(204, answer.statusCode());
        assertEquals("app:shop:read", answer.header("X-Fjord-Role"));
        assertTrue(answer.header("X-Fjord-Actor").startsWith("token:t-"), answer.header("X-Fjord-Actor"));
    }

    @Test
    void aRefusalNamesNoOne() {
        var answer = verify("POST", "/api/apps", deployer);
        assertEquals(403, answer.statusCode());
        assertNull(answer.header("X-Fjord-Actor"));
    }

    @Test
    void withoutACredentialTheAnswerAsksForABearerToken() {
        var answer = verify("GET", "/api/apps", null);
        assertEquals(401, answer.statusCode());
        assertEquals("Bearer realm=\"fjord\"", answer.header("WWW-Authenticate"));
        assertEquals("a valid token or login is required", answer.path("error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer not-a-token",
            "Bearer fjord_0000000000000000000000000000000000000000000",
            "Bearer fjord_0000000000000000000000000000000000000000000 extra", "Token fjord_x"})
    void anythingButAValidTokenIs401(String authorization) {
        given().header("X-Original-Method", "GET").header("X-Original-URI", "/api/apps")
                .header("Authorization", authorization)
                .when().get("/auth/verify").then().statusCode(401);
    }

    @Test
    void aBadTokenIsNotMadeGoodByACookie() {
        given().header("X-Original-Method", "GET").header("X-Original-URI", "/api/apps")
                .header("Authorization", "Bearer fjord_0000000000000000000000000000000000000000000")
                .cookie("fjord_session", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .when().get("/auth/verify").then().statusCode(401);
    }

    @Test
    void withoutTheOriginalUriOnlyAnAdminPassesAndNotEvenThen() {
        given().header("Authorization", "Bearer " + BootstrapToken.token())
                .when().get("/auth/verify").then().statusCode(403);
    }
}
