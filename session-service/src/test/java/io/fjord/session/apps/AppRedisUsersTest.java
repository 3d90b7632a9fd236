package io.fjord.session.apps;

import static io.fjord.session.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.events.AppCreated;
import io.fjord.events.AppDestroyed;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.fjord.session.support.Resp;
import io.fjord.session.support.TestRedisNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Apps' Redis ACL users on the real Redis: made on app.created, handed to deploy-service over
 * /internal/, confined to their own keys, gone on app.destroyed. Users and keys carry this run's
 * prefixes (TestRedisNames removes whatever is left).
 */
@QuarkusTest
class AppRedisUsersTest {
    private static final String NOPERM = "-NOPERM";

    @Inject
    AppRedisConfig config;

    @ConfigProperty(name = "fjord.auth.edge-secret")
    String edgeSecret;

    private Response credentials(String app, String secret) {
        var request = given().urlEncodingEnabled(false);
        if (secret != null) {
            request.header("X-Fjord-Edge", secret);
        }
        return request.when().get("/internal/apps/" + app + "/redis-credentials");
    }

    /** The app's credentials once its app.created has been handled. */
    private Response awaitCredentials(String app, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        var answer = credentials(app, edgeSecret);
        while (answer.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = credentials(app, edgeSecret);
        }
        assertEquals(status, answer.statusCode(), answer.asString());
        return answer;
    }

    @Test
    void anAppsUserTouchesItsOwnKeysOnly() throws Exception {
        String shop = unique("shop");
        String blog = unique("blog");
        try (TestBus bus = TestBus.watching()) {
            bus.publish(RoutingKeys.APP_CREATED, shop, new AppCreated(shop));
            bus.publish(RoutingKeys.APP_CREATED, blog, new AppCreated(blog));
            var shopCredentials = awaitCredentials(shop, 200);
            var blogCredentials = awaitCredentials(blog, 200);
            assertEquals("no-store", shopCredentials.header("Cache-Control"));
            String shopPrefix = shopCredentials.path("sessionKeyPrefix");
            String blogPrefix = blogCredentials.path("sessionKeyPrefix");
            assertEquals(config.keyPrefix() + shop + ":", shopPrefix);
            String url = shopCredentials.path("redisUrl");
            assertTrue(url.startsWith("redis://" + config.userPrefix() + shop + ":"), "REDIS_URL names the app's user");
            assertTrue(url.endsWith("@127.0.0.1:6379/0"), url);

            try (Resp asShop = Resp.connect(url); Resp asBlog = Resp.connect((String) blogCredentials.path("redisUrl"))) {
                assertEquals("OK", asShop.call("SET", shopPrefix + "session1", "{\"user\": \"ada\"}", "EX", "600"));
                assertEquals("{\"user\": \"ada\"}", asShop.call("GET", shopPrefix + "session1"));
                assertEquals("OK", asBlog.call("SET", blogPrefix + "session1", "blog's"));
                assertEquals("OK", asShop.call("MULTI"));
                assertEquals("QUEUED", asShop.call("INCR", shopPrefix + "counter"));
                assertEquals("[1]", asShop.call("EXEC"));

                // Another app's keys, for reading and for writing.
                assertNoPermission(asShop.call("GET", blogPrefix + "session1"));
                assertNoPermission(asShop.call("SET", blogPrefix + "session1", "overwritten"));
                assertNoPermission(asShop.call("DEL", blogPrefix + "session1"));
                assertNoPermission(asShop.call("RENAME", shopPrefix + "session1", blogPrefix + "stolen"));
                assertNoPermission(asShop.call("GET", "fjord:session:anything"));
                // Commands that would reach past the prefix: listing keys, the whole server.
                for (String[] command : new String[][] {{"SCAN", "0"}, {"KEYS", "*"}, {"RANDOMKEY"}, {"DBSIZE"},
                        {"FLUSHALL"}, {"FLUSHDB"}, {"CONFIG", "GET", "requirepass"}, {"ACL", "LIST"},
                        {"CLIENT", "LIST"}, {"MONITOR"}, {"FUNCTION", "FLUSH"}, {"CLIENT", "TRACKING", "on", "BCAST"},
                        {"EVAL", "return redis.call('GET', KEYS[1])", "1", blogPrefix + "session1"},
                        {"SUBSCRIBE", "__keyspace@0__:" + blogPrefix + "*"}}) {
                    assertNoPermission(asShop.call(command));
                }
                assertEquals("blog's", asBlog.call("GET", blogPrefix + "session1"), "blog's data is untouched");
            }

            // Destroying the app removes its user: the same credentials no longer authenticate.
            bus.publish(RoutingKeys.APP_DESTROYED, shop, new AppDestroyed(shop));
            awaitCredentials(shop, 404);
            try (Resp redis = TestRedisNames.admin()) {
                assertTrue(!TestRedisNames.list(redis.call("ACL", "USERS")).contains(config.userPrefix() + shop));
            }
            try {
                Resp.connect(url).close();
                throw new AssertionError("the destroyed app's user still authenticates");
            } catch (IOException expected) {
                assertTrue(expected.getMessage().contains("WRONGPASS"), expected.getMessage());
            }
            bus.publish(RoutingKeys.APP_DESTROYED, blog, new AppDestroyed(blog));
            awaitCredentials(blog, 404);
        }
    }

    private static void assertNoPermission(String answer) {
        assertTrue(answer != null && answer.startsWith(NOPERM), String.valueOf(answer));
    }

    @Test
    void anAppCreatedAgainGetsANewPassword() throws Exception {
        String app = unique("again");
        try (TestBus bus = TestBus.watching()) {
            bus.publish(RoutingKeys.APP_CREATED, app, new AppCreated(app));
            String first = awaitCredentials(app, 200).path("redisUrl");
            bus.publish(RoutingKeys.APP_CREATED, app, new AppCreated(app));
            Thread.sleep(300);
            assertEquals(first, credentials(app, edgeSecret).path("redisUrl"), "a repeated app.created changes nothing");
            bus.publish(RoutingKeys.APP_DESTROYED, app, new AppDestroyed(app));
            awaitCredentials(app, 404);
            bus.publish(RoutingKeys.APP_CREATED, app, new AppCreated(app));
            String second = awaitCredentials(app, 200).path("redisUrl");
            assertTrue(!first.equals(second), "old credentials of a destroyed app must not open its successor");
            bus.publish(RoutingKeys.APP_DESTROYED, app, new AppDestroyed(app));
            awaitCredentials(app, 404);
        }
    }

    @Test
    void credentialsNeedTheEdgeSecret() {
        credentials("shop", null).then().statusCode(401).body("error", notNullValue());
        credentials("shop", "wrong").then().statusCode(401);
        credentials("shop", edgeSecret + "x").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"never-created", "Shop", "a", "..%2F..%2Fetc", "shop%0d%0aX:1", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void unknownOrMalformedAppsAreNotFound(String app) {
        credentials(app, edgeSecret).then().statusCode(404).body("error", notNullValue());
    }
}
