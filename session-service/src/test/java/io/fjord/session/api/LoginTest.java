package io.fjord.session.api;

import static io.fjord.session.support.Api.createUser;
import static io.fjord.session.support.Api.unique;
import static io.fjord.session.support.Api.verifyWithCookie;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Browser logins and their throttling, against the real MariaDB and Redis. */
@QuarkusTest
class LoginTest {
    private static final String PASSWORD = "correct horse battery";

    /** A client address of its own per test, so that tests do not lock each other out. */
    private static String address() {
        return "198.51." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256);
    }

    private static ExtractableResponse<Response> login(String user, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Real-IP", address)
                .body("{\"user\": \"" + user + "\", \"password\": \"" + password + "\"}")
                .when().post("/api/login").then().extract();
    }

    @Test
    void aLoginIsAStrictHttpOnlyCookieThatStandsForTheUserUntilLogout() {
        String user = unique("ada");
        createUser(user, PASSWORD, "app:shop:deployer");
        var answer = login(user, PASSWORD, address());
        assertEquals(200, answer.statusCode());
        assertEquals(user, answer.path("user"));
        String cookie = answer.header("Set-Cookie");
        assertTrue(cookie.matches("fjord_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict"), cookie);
        String session = answer.cookie("fjord_session");

        var allowed = verifyWithCookie("POST", "/api/apps/shop/builds", session);
        assertEquals(204, allowed.statusCode());
        assertEquals("user:" + user, allowed.header("X-Fjord-Actor"));
        assertEquals("app:shop:deployer", allowed.header("X-Fjord-Role"));
        assertEquals(403, verifyWithCookie("GET", "/api/tokens", session).statusCode());

        String cleared = given().cookie("fjord_session", session).when().post("/api/logout")
                .then().statusCode(204).extract().header("Set-Cookie");
        assertTrue(cleared.startsWith("fjord_session=; Max-Age=0;"), cleared);
        assertEquals(401, verifyWithCookie("GET", "/api/apps", session).statusCode());
    }

    @Test
    void aDeletedUsersLoginsStopAtOnce() {
        String user = unique("gone");
        createUser(user, PASSWORD, "app:shop:deployer");
        String session = login(user, PASSWORD, address()).cookie("fjord_session");
        assertEquals(204, verifyWithCookie("GET", "/api/apps", session).statusCode());

        given().when().delete("/api/users/" + user).then().statusCode(204);
        assertEquals(401, verifyWithCookie("GET", "/api/apps", session).statusCode());
        assertEquals(401, login(user, PASSWORD, address()).statusCode());
        assertFalse(given().when().get("/api/users").asString().contains("\"" + user + "\""));
        given().when().delete("/api/users/" + user).then().statusCode(404).body("error", notNullValue());
        if (given().when().get("/api/users").asString().contains("\"admin\"")) {
            // Made at start from the install's token file, where the test's machine has one.
            given().when().delete("/api/users/admin").then().statusCode(409).body("error", notNullValue());
        }
    }

    @Test
    void overTlsTheCookieIsSecure() {
        String user = unique("ada");
        createUser(user, PASSWORD, "admin");
        String cookie = given().contentType(ContentType.JSON).header("X-Forwarded-Proto", "https")
                .header("X-Real-IP", address())
                .body("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")
                .when().post("/api/login").then().statusCode(200).extract().header("Set-Cookie");
        assertTrue(cookie.endsWith("; HttpOnly; SameSite=Strict; Secure"), cookie);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        String user = unique("ada");
        createUser(user, PASSWORD, "admin");
        String address = address();
        var wrong = login(user, "wrong password!", address);
        var unknown = login(unique("nobody"), PASSWORD, address);
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(wrong.asString(), unknown.asString());
        assertEquals(null, wrong.header("Set-Cookie"));
    }

    @Test
    void theInstallAdminHasNoPasswordToLogInWith() {
        assertEquals(401, login("admin", PASSWORD, address()).statusCode());
    }

    @Test
    void fiveFailuresLockTheUserNameEvenForTheRightPassword() {
        String user = unique("ada");
        createUser(user, PASSWORD, "admin");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(user, "wrong password " + i, address()).statusCode());
        }
        var locked = login(user, PASSWORD, address());
        assertEquals(429, locked.statusCode());
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertEquals("too many failed logins; try again in " + retryAfter + " s", locked.path("error"));
        assertFalse(locked.headers().hasHeaderWithName("Set-Cookie"));
    }

    @Test
    void fiveFailuresFromOneAddressLockItForEveryUser() {
        String address = address();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(unique("guess"), "wrong password", address).statusCode());
        }
        String user = unique("ada");
        createUser(user, PASSWORD, "admin");
        assertEquals(429, login(user, PASSWORD, address).statusCode());
        assertEquals(200, login(user, PASSWORD, address()).statusCode(), "another address is not locked");
    }

    @Test
    void aSuccessfulLoginClearsTheUsersCount() {
        String user = unique("ada");
        createUser(user, PASSWORD, "admin");
        for (int i = 0; i < 4; i++) {
            assertEquals(401, login(user, "wrong password", address()).statusCode());
        }
        assertEquals(200, login(user, PASSWORD, address()).statusCode());
        for (int i = 0; i < 4; i++) {
            assertEquals(401, login(user, "wrong password", address()).statusCode());
        }
        assertEquals(200, login(user, PASSWORD, address()).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"user\": ", "{\"user\": \"ada\"}", "{\"password\": \"x\"}",
            "{\"user\": \"ada\\r\\nSet-Cookie: x=1\", \"password\": \"correct horse battery\"}",
            "{\"user\": \"Ada\", \"password\": \"correct horse battery\"}",
            "{\"user\": \"ada\", \"password\": \"x\", \"remember\": true}",
            "{\"user\": [\"ada\"], \"password\": \"x\"}"})
    void badLoginRequestsAre400(String body) {
        given().contentType(ContentType.JSON).header("X-Real-IP", address()).body(body)
                .when().post("/api/login").then().statusCode(400).body("error", notNullValue());
    }

    @Test
    void aForgedOrUnknownCookieIsNoLogin() {
        assertEquals(401, verifyWithCookie("GET", "/api/apps", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").statusCode());
        assertEquals(401, verifyWithCookie("GET", "/api/apps", "not-a-session").statusCode());
        given().cookie("fjord_session", "not-a-session").when().post("/api/logout").then().statusCode(204);
    }
}
