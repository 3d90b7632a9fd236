package io.fjord.session;

import static io.fjord.session.support.Api.createToken;
import static io.fjord.session.support.Api.createUser;
import static io.fjord.session.support.Api.unique;
import static io.fjord.session.support.Api.verify;
import static io.fjord.session.support.Api.verifyWithCookie;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.fjord.events.AppCreated;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.fjord.session.identity.IdentityEvents;
import io.fjord.session.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Tokens, passwords, login sessions and apps' Redis passwords go through the whole service (made, used,
 * refused, revoked) while everything it logs and every event on the bus is recorded; none of them may
 * appear in either.
 */
@QuarkusTest
class SecretsStayOutTest {
    private static final String PASSWORD = "correct horse battery staple";

    @ConfigProperty(name = "fjord.auth.edge-secret")
    String edgeSecret;

    @Test
    void noSecretAppearsInTheLogOrOnTheBus() throws Exception {
        List<String> secrets = new ArrayList<>();
        List<CloudEvent> events = new ArrayList<>();
        try (LogCapture log = LogCapture.start(); TestBus bus = TestBus.watching("#")) {
            // A token: made, used, used badly, revoked, used again.
            String name = unique("ci");
            var created = createToken(name, "app:shop:deployer");
            String token = created.path("token");
            secrets.add(token.substring("fjord_".length()));
            assertEquals(204, verify("GET", "/api/apps/shop", token).statusCode());
            assertEquals(401, verify("GET", "/api/apps/shop", token + "x").statusCode());
            assertEquals(401, verifyWithCookie("GET", "/api/apps/shop", token).statusCode());
            given().contentType(ContentType.JSON).body("{\"name\": \"" + token + "\", \"scope\": \"admin\"}")
                    .when().post("/api/tokens").then().statusCode(400);
            given().when().delete("/api/tokens/" + created.path("id")).then().statusCode(204);
            assertEquals(401, verify("GET", "/api/apps/shop", token).statusCode());

            // A user: made with a password, logged in wrongly and rightly, the session used and ended.
            String user = unique("ada");
            secrets.add(PASSWORD);
            createUser(user, PASSWORD, "admin");
            String wrong = PASSWORD.replace("staple", "stapler");
            secrets.add(wrong);
            given().contentType(ContentType.JSON).header("X-Real-IP", "192.0.2.77")
                    .body("{\"user\": \"" + user + "\", \"password\": \"" + wrong + "\"}")
                    .when().post("/api/login").then().statusCode(401);
            String session = given().contentType(ContentType.JSON).header("X-Real-IP", "192.0.2.77")
                    .body("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")
                    .when().post("/api/login").then().statusCode(200).extract().cookie("fjord_session");
            secrets.add(session);
            assertEquals(204, verifyWithCookie("GET", "/api/tokens", session).statusCode());
            given().cookie("fjord_session", session).when().post("/api/logout").then().statusCode(204);

            // An app's Redis password, handed to deploy-service.
            String app = unique("secret");
            bus.publish(RoutingKeys.APP_CREATED, app, new AppCreated(app));
            String url = awaitRedisUrl(app);
            secrets.add(URI.create(url).getUserInfo().split(":", 2)[1]);

            events.add(bus.await(IdentityEvents.TOKEN_REVOKED, e -> name.equals(e.data().path("name").asText()),
                    Duration.ofSeconds(30)));
            events.add(bus.await(IdentityEvents.USER_CREATED, e -> user.equals(e.data().path("name").asText()),
                    Duration.ofSeconds(30)));
            events.addAll(bus.recorded());

            // The capture sees what the service logs (a line of its own proves it).
            Logger.getLogger("io.fjord.session").info("log capture marker");
            assertTrue(log.text().contains("log capture marker"));
            String logged = log.text();
            for (String secret : secrets) {
                assertFalse(logged.contains(secret), "a secret is in the log:\n" + logged);
            }
        }
        assertTrue(events.stream().anyMatch(e -> e.type().equals("fjord." + IdentityEvents.TOKEN_CREATED)),
                "the bus was watched");
        for (CloudEvent event : events) {
            String envelope = new String(EventJson.write(event), StandardCharsets.UTF_8);
            for (String secret : secrets) {
                assertFalse(envelope.contains(secret), "a secret is in an event: " + event.type());
            }
        }
    }

    private String awaitRedisUrl(String app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var answer = given().header("X-Fjord-Edge", edgeSecret)
                    .when().get("/internal/apps/" + app + "/redis-credentials");
            if (answer.statusCode() == 200) {
                return answer.path("redisUrl");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no Redis user for " + app);
    }
}
