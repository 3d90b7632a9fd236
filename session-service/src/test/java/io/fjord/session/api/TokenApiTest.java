package io.fjord.session.api;

import static io.fjord.session.support.Api.createToken;
import static io.fjord.session.support.Api.unique;
import static io.fjord.session.support.Api.verify;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.session.identity.ApiToken;
import io.fjord.session.identity.PlatformUser;
import io.fjord.session.identity.TokenSecrets;
import io.fjord.session.support.BootstrapToken;
import io.fjord.session.support.TestRedisNames;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** API tokens and users against the real MariaDB, and the edge's verdict on them. */
@QuarkusTest
@WithTestResource(value = BootstrapToken.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestRedisNames.class, scope = TestResourceScope.GLOBAL)
class TokenApiTest {
    private static final String ERROR = "error";

    @Inject
    DataSource database;

    /** Every column of the token's row, as text. */
    private List<String> row(long id) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT * FROM api_token WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    values.add(row.getString(column));
                }
                return values;
            }
        }
    }

    private long tokenRows() {
        return QuarkusTransaction.requiringNew().call(() -> ApiToken.count());
    }

    @Test
    void aTokenIsShownOnceAndStoredOnlyAsItsHash() throws SQLException {
        String name = unique("ci");
        var created = createToken(name, "app:shop:deployer");
        String token = created.path("token");
        long id = ((Number) created.path("id")).longValue();
        assertTrue(TokenSecrets.hasForm(token), token);
        assertEquals("no-store", created.header("Cache-Control"));
        assertEquals("app:shop:deployer", created.path("scope"));

        List<String> row = row(id);
        assertTrue(row.contains(TokenSecrets.hash(token)), row.toString());
        assertFalse(row.stream().anyMatch(value -> value != null && value.contains(token.substring(6))), row.toString());

        String listing = given().when().get("/api/tokens").then().statusCode(200)
                .body("name", hasItem(name)).extract().asString();
        assertFalse(listing.contains(token.substring(6)), "the list shows no secret");
        assertFalse(listing.contains(TokenSecrets.hash(token)), "nor its hash");
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        String name = unique("ci");
        var created = createToken(name, "app:shop:deployer");
        String token = created.path("token");
        int id = created.path("id");

        var allowed = verify("POST", "/api/apps/shop/builds", token);
        assertEquals(204, allowed.statusCode());
        assertEquals("token:" + name, allowed.header("X-Fjord-Actor"));
        assertEquals("app:shop:deployer", allowed.header("X-Fjord-Role"));

        given().when().delete("/api/tokens/" + id).then().statusCode(204);
        assertEquals(401, verify("POST", "/api/apps/shop/builds", token).statusCode());
        given().when().get("/api/tokens").then().body("id", not(hasItem(id)));
        given().when().delete("/api/tokens/" + id).then().statusCode(404).body(ERROR, notNullValue());

        // Its name is free again.
        createToken(name, "app:shop:read");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expiresAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        var created = given().contentType(ContentType.JSON)
                .body("{\"name\": \"" + unique("short") + "\", \"scope\": \"admin\", \"expiresAt\": \"" + expiresAt + "\"}")
                .when().post("/api/tokens").then().statusCode(201).extract();
        assertEquals(expiresAt, created.path("expiresAt"));
        String token = created.path("token");
        long id = ((Number) created.path("id")).longValue();
        assertEquals(204, verify("GET", "/api/tokens", token).statusCode());

        QuarkusTransaction.requiringNew().run(() -> ApiToken.update("expiresAt = ?1 where id = ?2",
                Instant.now().minusSeconds(1), id));
        assertEquals(401, verify("GET", "/api/tokens", token).statusCode());
    }

    @Test
    void theInstallTokenIsTheAdminsFirstToken() {
        var answer = verify("DELETE", "/api/apps/shop", BootstrapToken.token());
        assertEquals(204, answer.statusCode());
        assertEquals("token:install", answer.header("X-Fjord-Actor"));
        assertEquals("admin", answer.header("X-Fjord-Role"));
        PlatformUser admin = QuarkusTransaction.requiringNew().call(() -> PlatformUser.findByName("admin").orElseThrow());
        assertEquals("admin", admin.scope);
        assertNull(admin.passwordHash, "the admin logs in with the token, not a password");
    }

    @Test
    void aTakenNameIsAConflict() {
        String name = unique("ci");
        createToken(name, "admin");
        long rows = tokenRows();
        given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"scope\": \"sessions\"}")
                .when().post("/api/tokens").then().statusCode(409).body(ERROR, containsString(name));
        assertEquals(rows, tokenRows());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "{",
            "not json",
            "[]",
            "null",
            "{\"name\": \"ci\"}",
            "{\"scope\": \"admin\"}",
            "{\"name\": \"ci\", \"scope\": \"root\"}",
            "{\"name\": \"ci\", \"scope\": \"app:Shop:read\"}",
            "{\"name\": \"ci\", \"scope\": \"app:shop:owner\"}",
            "{\"name\": \"ci\\r\\nX-Injected: 1\", \"scope\": \"admin\"}",
            "{\"name\": \"ci\\nX-Fjord-Role: admin\", \"scope\": \"admin\"}",
            "{\"name\": \"Ci\", \"scope\": \"admin\"}",
            "{\"name\": \"ci shop\", \"scope\": \"admin\"}",
            "{\"name\": \"\", \"scope\": \"admin\"}",
            "{\"name\": 5, \"scope\": \"admin\"}",
            "{\"name\": \"ci\", \"scope\": \"admin\", \"expiresAt\": \"tomorrow\"}",
            "{\"name\": \"ci\", \"scope\": \"admin\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}",
            "{\"name\": \"ci\", \"scope\": \"admin\", \"expiresAt\": \"+20000-01-01T00:00:00Z\"}",
            "{\"name\": \"ci\", \"scope\": \"admin\", \"expiresAt\": 1893456000}",
            "{\"name\": \"ci\", \"scope\": \"admin\", \"admin\": true}",
            "{\"name\": \"ci\", \"name\": \"cd\", \"scope\": \"admin\"}",
            "{\"name\": \"ci\", \"scope\": \"admin\"} {}",
    })
    void badTokenRequestsAreRefusedAndStoreNothing(String body) {
        long rows = tokenRows();
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/tokens")
                .then().statusCode(400).contentType(ContentType.JSON).body(ERROR, notNullValue());
        assertEquals(rows, tokenRows());
    }

    @Test
    void malformedJsonSaysSo() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/tokens").then().statusCode(400).body(ERROR, org.hamcrest.Matchers.equalTo(
                        "the body is not valid JSON"));
    }

    @Test
    void anotherMediaTypeIsRefused() {
        given().contentType(ContentType.TEXT).body("{\"name\": \"ci\", \"scope\": \"admin\"}")
                .when().post("/api/tokens").then().statusCode(415).body(ERROR, notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "999999999", "-1", "1%0d%0aX:1"})
    void revokingAnUnknownTokenIsNotFound(String id) {
        given().urlEncodingEnabled(false).when().delete("/api/tokens/" + id)
                .then().statusCode(404).body(ERROR, notNullValue());
    }

    @Test
    void usersAreMadeWithAPasswordThatIsNeverShown() {
        String name = unique("ada");
        String answer = given().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"password\": \"correct horse battery\", \"scope\": \"app:shop:read\"}")
                .when().post("/api/users").then().statusCode(201).extract().asString();
        assertFalse(answer.contains("correct horse"));
        given().when().get("/api/users").then().statusCode(200).body("name", hasItem(name))
                .body(not(containsString("pbkdf2")));
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"password\": \"another password\", \"scope\": \"admin\"}")
                .when().post("/api/users").then().statusCode(409);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": \"ada\", \"password\": \"short\", \"scope\": \"admin\"}",
            "{\"name\": \"ada\", \"password\": \"long enough here\", \"scope\": \"superuser\"}",
            "{\"name\": \"ada\\r\\nSet-Cookie: x=1\", \"password\": \"long enough here\", \"scope\": \"admin\"}",
            "{\"name\": \"ada\", \"scope\": \"admin\"}",
            "{\"name\": \"ada\", \"password\": 123456789012, \"scope\": \"admin\"}",
            "{\"name\": \"ada\", \"password\": \"long enough here\", \"scope\": \"admin\", \"role\": \"x\"}",
            "{\"name\": \"ada\"",
    })
    void badUserRequestsAreRefusedAndStoreNothing(String body) {
        long users = QuarkusTransaction.requiringNew().call(() -> PlatformUser.count());
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/users").then().statusCode(400).body(ERROR, notNullValue());
        assertEquals(users, (long) QuarkusTransaction.requiringNew().call(() -> PlatformUser.count()));
    }
}
