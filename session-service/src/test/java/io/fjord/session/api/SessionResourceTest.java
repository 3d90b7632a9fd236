package io.fjord.session.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.session.store.SessionConfig;
import io.fjord.session.store.SessionIds;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The session API against the real Redis, under this run's own key prefix. */
@QuarkusTest
class SessionResourceTest {
    private static final String ERROR = "error";

    @Inject
    RedisDataSource redis;

    @Inject
    SessionConfig config;

    @AfterEach
    void removeThisRunsKeys() {
        List<String> keys = keys();
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }

    /** Every key this run made; the prefix holds a UUID, no glob characters. */
    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        redis.key().scan(new KeyScanArgs().match(config.keyPrefix() + "*").count(1000)).toIterable()
                .forEach(keys::add);
        return keys;
    }

    private long redisTtl(String id) {
        return redis.key().ttl(config.keyPrefix() + id);
    }

    private ExtractableResponse<Response> create(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/sessions")
                .then().statusCode(201).extract();
    }

    @Test
    void sessionLifecycle() {
        var created = create("{\"data\": {\"user\": \"ada\", \"cart\": [1, 2], \"name\": \"Bjørn\"}, \"ttl\": 600}");
        String id = created.path("id");
        assertTrue(SessionIds.isValid(id), id);
        assertEquals("\"1\"", created.header("ETag"));
        assertEquals("no-store", created.header("Cache-Control"));
        assertTrue(created.header("Location").endsWith("/api/sessions/" + id), created.header("Location"));
        assertEquals(600, (int) created.path("ttl"));
        assertEquals("Bjørn", created.path("data.name"));
        assertTrue(redisTtl(id) > 590 && redisTtl(id) <= 600);

        given().when().get("/api/sessions/" + id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("id", equalTo(id), "data.user", equalTo("ada"), "data.cart", equalTo(List.of(1, 2)),
                        "ttl", equalTo(600), "expiresAt", notNullValue());

        given().contentType(ContentType.JSON).body("{\"data\": {\"user\": \"ada\", \"cart\": []}}")
                .when().put("/api/sessions/" + id)
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("data.cart", equalTo(List.of()), "data.name", nullValue(), "ttl", equalTo(600));

        given().contentType(ContentType.JSON).body("{\"data\": {\"user\": \"grace\"}, \"ttl\": 7200}")
                .when().put("/api/sessions/" + id)
                .then().statusCode(200).header("ETag", "\"3\"").body("ttl", equalTo(7200));
        assertTrue(redisTtl(id) > 7190, "a new ttl applies to the key at once");

        given().when().get("/api/sessions/" + id)
                .then().statusCode(200).header("ETag", "\"3\"").body("data", equalTo(Map.of("user", "grace")));

        given().when().delete("/api/sessions/" + id).then().statusCode(204);
        given().when().get("/api/sessions/" + id).then().statusCode(404).body(ERROR, notNullValue());
        given().when().delete("/api/sessions/" + id).then().statusCode(404).body(ERROR, notNullValue());
        given().contentType(ContentType.JSON).body("{\"data\": {}}")
                .when().put("/api/sessions/" + id).then().statusCode(404).body(ERROR, notNullValue());
        assertEquals(List.of(), keys());
    }

    @Test
    void loggingAUserOutEverywhereEndsTheirSessionsAndNoOneElses() {
        String ada = "ada@example.com \\\"the first\\\"";
        String phone = create("{\"userId\": \"" + ada + "\", \"ttl\": 600}").path("id");
        String laptop = create("{\"userId\": \"" + ada + "\", \"ttl\": 3600, \"data\": {\"a\": 1}}").path("id");
        String grace = create("{\"userId\": \"grace\"}").path("id");
        String anonymous = create("{}").path("id");
        given().when().get("/api/sessions/" + phone)
                .then().statusCode(200).body("userId", equalTo("ada@example.com \"the first\""));
        given().when().get("/api/sessions/" + anonymous).then().statusCode(200).body("userId", nullValue());
        // A write keeps the session's user; a write cannot change it.
        given().contentType(ContentType.JSON).body("{\"data\": {\"b\": 2}}").when().put("/api/sessions/" + laptop)
                .then().statusCode(200).body("userId", equalTo("ada@example.com \"the first\""));
        given().contentType(ContentType.JSON).body("{\"data\": {}, \"userId\": \"grace\"}")
                .when().put("/api/sessions/" + laptop).then().statusCode(400).body(ERROR, containsString("never changes"));
        // The user's index lives as long as the longest of their sessions.
        String index = keys().stream().filter(k -> k.contains(":user:")).filter(k -> redis.key().ttl(k) > 3500)
                .findFirst().orElseThrow(() -> new AssertionError(keys().toString()));
        assertTrue(redis.key().ttl(index) <= 3600);

        given().urlEncodingEnabled(true).queryParam("userId", "ada@example.com \"the first\"")
                .when().delete("/api/sessions").then().statusCode(200).body("deleted", equalTo(2));
        given().when().get("/api/sessions/" + phone).then().statusCode(404);
        given().when().get("/api/sessions/" + laptop).then().statusCode(404);
        given().when().get("/api/sessions/" + grace).then().statusCode(200);
        given().when().get("/api/sessions/" + anonymous).then().statusCode(200);
        given().queryParam("userId", "ada@example.com \"the first\"")
                .when().delete("/api/sessions").then().statusCode(200).body("deleted", equalTo(0));
        given().queryParam("userId", "nobody").when().delete("/api/sessions").then().statusCode(200)
                .body("deleted", equalTo(0));
    }

    @Test
    void eachAppsTokenSeesItsAppsSessionsOnly() {
        // The edge passes the caller's role in X-Fjord-Role; here the edge check is off and the test says it.
        String shop = given().header("X-Fjord-Role", "app:shop:sessions").contentType(ContentType.JSON)
                .body("{\"userId\": \"ada\"}").when().post("/api/sessions").then().statusCode(201).extract().path("id");
        String blog = given().header("X-Fjord-Role", "app:blog:sessions").contentType(ContentType.JSON)
                .body("{\"userId\": \"ada\"}").when().post("/api/sessions").then().statusCode(201).extract().path("id");
        given().header("X-Fjord-Role", "app:shop:sessions").when().get("/api/sessions/" + shop).then().statusCode(200);
        given().header("X-Fjord-Role", "app:blog:sessions").when().get("/api/sessions/" + shop).then().statusCode(404);
        given().when().get("/api/sessions/" + shop).then().statusCode(404);
        given().header("X-Fjord-Role", "app:blog:sessions").when().delete("/api/sessions/" + shop).then().statusCode(404);
        given().header("X-Fjord-Role", "app:blog:sessions").contentType(ContentType.JSON).body("{\"data\": {}}")
                .when().put("/api/sessions/" + shop).then().statusCode(404);
        // Logging ada out of blog leaves her logged in to shop.
        given().header("X-Fjord-Role", "app:blog:sessions").queryParam("userId", "ada").when().delete("/api/sessions")
                .then().statusCode(200).body("deleted", equalTo(1));
        given().header("X-Fjord-Role", "app:blog:sessions").when().get("/api/sessions/" + blog).then().statusCode(404);
        given().header("X-Fjord-Role", "app:shop:sessions").when().get("/api/sessions/" + shop).then().statusCode(200);
        assertTrue(keys().contains(config.keyPrefix() + "app:shop:" + shop), keys().toString());
    }

    @Test
    void anEndedSessionLeavesItsUsersIndexWithTheNextOne() {
        String first = create("{\"userId\": \"lin\"}").path("id");
        given().when().delete("/api/sessions/" + first).then().statusCode(204);
        String second = create("{\"userId\": \"lin\"}").path("id");
        String index = keys().stream().filter(k -> k.contains(":user:")).findFirst().orElseThrow();
        assertEquals(java.util.Set.of(second), redis.set(String.class).smembers(index));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"userId\": \"\"}", "{\"userId\": 5}", "{\"userId\": {}}",
            "{\"userId\": \"a\\u0000b\"}", "{\"userId\": \"a\\r\\nb\"}"})
    void badUserIdsAreRefusedAndStoreNothing(String body) {
        given().contentType(ContentType.JSON).body(body).when().post("/api/sessions")
                .then().statusCode(400).body(ERROR, containsString("userId"));
        assertEquals(List.of(), keys());
    }

    @Test
    void loggingOutEverywhereNeedsAGoodUserId() {
        given().when().delete("/api/sessions").then().statusCode(400).body(ERROR, containsString("userId"));
        given().queryParam("userId", "").when().delete("/api/sessions").then().statusCode(400);
        given().queryParam("userId", "x".repeat(257)).when().delete("/api/sessions").then().statusCode(400);
        given().urlEncodingEnabled(false).when().delete("/api/sessions?userId=a%0d%0ab").then().statusCode(400)
                .body(ERROR, containsString("control characters"));
    }

    @Test
    void defaultsAreEmptyDataAndTheConfiguredTtl() {
        var created = create("{}");
        assertEquals(Map.of(), created.path("data"));
        assertEquals(1800, (int) created.path("ttl"));
        assertTrue(redisTtl(created.path("id")) > 1790);
    }

    @Test
    void dataComesBackAsItWasSent() {
        String data = "{\"price\":1.10,\"big\":123456789012345678901234567890,\"list\":[1,{\"a\":null},[]],\"o\":{}}";
        String id = create("{\"data\": " + data + "}").path("id");
        String body = given().when().get("/api/sessions/" + id).then().statusCode(200).extract().asString();
        assertTrue(body.contains("\"data\":" + data), body);
    }

    @Test
    void aSessionExpiresAfterItsTtl() throws InterruptedException {
        String id = create("{\"data\": {\"a\": 1}, \"ttl\": 1}").path("id");
        Thread.sleep(2100);
        given().when().get("/api/sessions/" + id).then().statusCode(404).body(ERROR, notNullValue());
        assertEquals(List.of(), keys());
    }

    @Test
    void readingSlidesTheExpiryBackToTheSessionsTtl() {
        String id = create("{\"data\": {\"a\": 1}, \"ttl\": 300}").path("id");
        // Stand in for time passing: the key has 5 s left.
        redis.key().expire(config.keyPrefix() + id, 5);
        assertTrue(redisTtl(id) <= 5);

        given().when().get("/api/sessions/" + id).then().statusCode(200).body("ttl", equalTo(300));
        assertTrue(redisTtl(id) > 290, "reading extends the key's expiry to the session's ttl");
    }

    @Test
    void ifMatchGuardsAgainstLostUpdates() {
        String id = create("{\"data\": {\"n\": 1}}").path("id");
        String path = "/api/sessions/" + id;

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"data\": {\"n\": 2}}")
                .when().put(path).then().statusCode(200).header("ETag", "\"2\"");
        // A second writer that also read version 1 is refused, and changes nothing.
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"data\": {\"n\": 99}}")
                .when().put(path).then().statusCode(412).body(ERROR, containsString("If-Match"));
        given().when().get(path).then().statusCode(200).header("ETag", "\"2\"").body("data.n", equalTo(2));

        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"data\": {\"n\": 3}}")
                .when().put(path).then().statusCode(200).header("ETag", "\"3\"");
        given().contentType(ContentType.JSON).header("If-Match", "W/\"3\"").body("{\"data\": {\"n\": 4}}")
                .when().put(path).then().statusCode(412);
        given().contentType(ContentType.JSON).header("If-Match", "3").body("{\"data\": {\"n\": 4}}")
                .when().put(path).then().statusCode(400).body(ERROR, notNullValue());
        given().contentType(ContentType.JSON).header("If-Match", "*").body("{\"data\": {\"n\": 4}}")
                .when().put(path).then().statusCode(200).header("ETag", "\"4\"");
        given().when().get(path).then().statusCode(200).body("data.n", equalTo(4));
    }

    @Test
    void concurrentWritesOnTheSameETagLetExactlyOneWin() throws Exception {
        String id = create("{\"data\": {\"n\": 0}}").path("id");
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int n = 1; n <= writers; n++) {
                String body = "{\"data\": {\"n\": " + n + "}}";
                Callable<Integer> write = () -> {
                    start.await();
                    return given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                            .when().put("/api/sessions/" + id).then().extract().statusCode();
                };
                statuses.add(pool.submit(write));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get());
            }
            assertEquals(1, answers.stream().filter(s -> s == 200).count(), answers.toString());
            assertEquals(writers - 1, answers.stream().filter(s -> s == 412).count(), answers.toString());
        } finally {
            pool.shutdownNow();
        }
        given().when().get("/api/sessions/" + id).then().statusCode(200).header("ETag", "\"2\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // our form, but no such session
            "abc",
            "*",
            "%2A",
            "..%2F..%2Fetc",
            "%2e%2e",
            "abc%0d%0aSet-Cookie:x",
            "abc%0D%0ASet-Cookie:%20x=1",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%0d%0a",
            "fjord:session:x",
    })
    void unknownAndMalformedIdsAreNotFound(String rawId) {
        String path = "/api/sessions/" + rawId;
        for (String method : List.of("GET", "DELETE", "PUT")) {
            given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"data\": {\"a\": 1}}")
                    .when().request(method, path)
                    .then().statusCode(404)
                    .contentType(ContentType.JSON)
                    .body(ERROR, notNullValue())
                    .header("Set-Cookie", nullValue());
        }
        assertEquals(List.of(), keys());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "{\"data\": {",
            "not json",
            "{\"data\": {}} trailing",
            "{\"data\": {\"a\": 1, \"a\": 2}}",
            "{\"data\": {\"a\": 1}, \"ttl\": 60",
            "[]",
            "\"text\"",
            "null",
            "{\"data\": [1, 2]}",
            "{\"data\": \"x\"}",
            "{\"ttl\": \"60\"}",
            "{\"ttl\": \"abc\"}",
            "{\"ttl\": -5}",
            "{\"ttl\": 0}",
            "{\"ttl\": 1.5}",
            "{\"ttl\": 2592001}",
            "{\"ttl\": 100000000000000000000000}",
            "{\"user\": \"ada\"}",
    })
    void badCreateBodiesAreRefusedAndStoreNothing(String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/sessions")
                .then().statusCode(400).contentType(ContentType.JSON).body(ERROR, notNullValue());
        assertEquals(List.of(), keys());
    }

    @Test
    void malformedJsonSaysSo() {
        given().contentType(ContentType.JSON).body("{\"data\": {")
                .when().post("/api/sessions")
                .then().statusCode(400).body(ERROR, equalTo("the body is not valid JSON"));
    }

    @Test
    void anotherMediaTypeIsRefused() {
        given().contentType(ContentType.TEXT).body("{\"data\": {}}")
                .when().post("/api/sessions")
                .then().statusCode(415).body(ERROR, notNullValue());
        assertEquals(List.of(), keys());
    }

    @Test
    void anOversizedSessionIsRefusedAndStoresNothing() {
        String big = "x".repeat(70_000);
        given().contentType(ContentType.JSON).body("{\"data\": {\"blob\": \"" + big + "\"}}")
                .when().post("/api/sessions")
                .then().statusCode(413).body(ERROR, containsString("65536 bytes"));
        assertEquals(List.of(), keys());

        // Multi-byte characters count as the bytes they take: 30 000 × "ø" is 60 000 bytes, over with the rest.
        given().contentType(ContentType.JSON).body("{\"data\": {\"a\": \"" + "ø".repeat(30_000) + "\", \"b\": \""
                + "x".repeat(6_000) + "\"}}")
                .when().post("/api/sessions")
                .then().statusCode(413);
        assertEquals(List.of(), keys());
    }

    @Test
    void aBodyFarBeyondTheLimitIsRefusedBeforeItIsRead() {
        given().contentType(ContentType.JSON).body("{\"data\": {\"blob\": \"" + "x".repeat(2_000_000) + "\"}}")
                .when().post("/api/sessions")
                .then().statusCode(413);
        assertEquals(List.of(), keys());
    }

    @Test
    void badReplacementsLeaveTheSessionAsItWas() {
        String id = create("{\"data\": {\"n\": 1}, \"ttl\": 600}").path("id");
        String path = "/api/sessions/" + id;
        for (String body : List.of("{\"ttl\": 60}", "{\"data\": [1]}", "{\"data\": {}, \"ttl\": \"60\"}",
                "{\"data\": {}, \"ttl\": 0}", "{\"data\": {", "")) {
            given().contentType(ContentType.JSON).body(body)
                    .when().put(path).then().statusCode(400).body(ERROR, notNullValue());
        }
        given().contentType(ContentType.JSON).body("{\"data\": {\"blob\": \"" + "x".repeat(70_000) + "\"}}")
                .when().put(path).then().statusCode(413).body(ERROR, notNullValue());

        given().when().get(path).then().statusCode(200)
                .header("ETag", "\"1\"").body("data", equalTo(Map.of("n", 1)), "ttl", equalTo(600));
        assertEquals(1, keys().size());
    }

    @Test
    void theLocationNamesTheNewSession() {
        var created = create("{\"data\": {}}");
        String id = created.path("id");
        given().when().get(created.header("Location")).then().statusCode(200).body("id", equalTo(id));
        assertTrue(created.header("Location").matches(".*/api/sessions/[A-Za-z0-9_-]{43}"));
    }

    @Test
    void expiresAtIsWhenTheTtlRunsOut() {
        Instant before = Instant.now();
        Instant expiresAt = Instant.parse(create("{\"ttl\": 600}").path("expiresAt"));
        assertTrue(!expiresAt.isBefore(before.plusSeconds(599)) && !expiresAt.isAfter(Instant.now().plusSeconds(600)),
                expiresAt.toString());
    }
}
