package io.fjord.session.audit;

import static io.fjord.session.support.Api.createToken;
import static io.fjord.session.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.events.AppCreated;
import io.fjord.events.CloudEvent;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.fjord.session.identity.IdentityEvents;
import io.quarkus.test.junit.QuarkusTest;

/** The audit trail, filled from events on the real bus. */
@QuarkusTest
class AuditTest {

    /** An event some service may emit one day, with secrets in its data. */
    record ConfigChanged(String app, Map<String, String> set, List<String> unset) {
    }

    private static List<Map<String, Object>> audit(String query) {
        return given().when().get("/api/audit" + query).then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Polls until {@code done} holds: events take their way through RabbitMQ. */
    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = read.get();
        }
        return value;
    }

    @Test
    void everyEventOfTheBusIsRecordedWithoutTheValuesOfItsData() throws Exception {
        String app = unique("audit");
        try (TestBus bus = TestBus.watching()) {
            CloudEvent created = bus.publish(RoutingKeys.APP_CREATED, app, new AppCreated(app));
            CloudEvent configured = bus.publish("config.changed", app, new ConfigChanged(app,
                    Map.of("DATABASE_URL", "postgres://shop:hunter2@db/shop"), List.of("OLD")));

            List<Map<String, Object>> entries = eventually(() -> audit("?app=" + app), list -> list.size() == 2);
            assertEquals(2, entries.size(), entries.toString());
            // The consumer may record two events published together in either order.
            Map<String, Object> newest = entries.stream().filter(e -> configured.id().equals(e.get("eventId")))
                    .findFirst().orElseThrow(() -> new AssertionError(entries.toString()));
            Map<String, Object> first = entries.stream().filter(e -> created.id().equals(e.get("eventId")))
                    .findFirst().orElseThrow(() -> new AssertionError(entries.toString()));
            assertEquals("fjord.config.changed", newest.get("type"));
            assertEquals(app, newest.get("app"));
            assertEquals("/fjord/test", newest.get("source"));
            assertEquals("app=" + app + " set{DATABASE_URL} unset[1]", newest.get("summary"));
            assertEquals("app=" + app, first.get("summary"));
            assertTrue(newest.get("time") != null);
            assertFalse(given().when().get("/api/audit?app=" + app).asString().contains("hunter2"));

            // The same event again (at-least-once delivery) is recorded once.
            bus.publish(created);
            bus.publish(RoutingKeys.APP_DESTROYED, app, new AppCreated(app));
            assertEquals(3, eventually(() -> audit("?app=" + app), list -> list.size() == 3).size());
            Thread.sleep(500);
            assertEquals(3, audit("?app=" + app).size());
        }
    }

    @Test
    void changesMadeHereAreAuditedToo() throws Exception {
        String name = unique("ci");
        var created = createToken(name, "app:shop:deployer");
        String token = created.path("token");
        List<Map<String, Object>> entries = eventually(() -> audit("?app=shop&limit=1000"), list -> list.stream()
                .anyMatch(entry -> ("fjord." + IdentityEvents.TOKEN_CREATED).equals(entry.get("type"))
                        && String.valueOf(entry.get("summary")).contains("name=" + name)));
        Map<String, Object> entry = entries.stream().filter(e -> String.valueOf(e.get("summary")).contains(name))
                .findFirst().orElseThrow();
        assertEquals("id=" + created.path("id") + " name=" + name + " scope=app:shop:deployer expiresAt",
                entry.get("summary"));
        assertEquals("/fjord/session-service", entry.get("source"));
        assertFalse(entries.toString().contains(token.substring(6)));
    }

    @Test
    void theLimitCutsTheListNewestFirst() throws Exception {
        List<Map<String, Object>> two = audit("?limit=2");
        assertTrue(two.size() <= 2);
        if (two.size() == 2) {
            assertTrue(((Number) two.get(0).get("id")).longValue() > ((Number) two.get(1).get("id")).longValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"?limit=abc", "?limit=0", "?limit=-1", "?limit=1001", "?limit=1.5", "?app=Shop",
            "?app=a", "?app=shop%0d%0aX:1"})
    void badQueriesAre400(String query) {
        given().urlEncodingEnabled(false).when().get("/api/audit" + query)
                .then().statusCode(400).body("error", notNullValue());
    }
}
