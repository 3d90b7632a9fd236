package io.fjord.deploy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.deploy.TestDocker;
import io.fjord.deploy.release.DeployConfig;
import io.fjord.events.AppCreated;
import io.fjord.events.AppDestroyed;
import io.fjord.events.EventJson;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AppApiTest {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(15);
    private static TestBus bus;

    @Inject
    DeployConfig config;

    @BeforeAll
    static void watch() throws Exception {
        bus = TestBus.watching(RoutingKeys.APP_CREATED, RoutingKeys.APP_DESTROYED);
    }

    @AfterAll
    static void close() throws Exception {
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void anAppIsCreatedShownListedAndDestroyed() throws Exception {
        String name = TestDocker.randomName("api");

        given().contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/api/apps")
                .then().statusCode(201)
                .header("Location", endsWith("/api/apps/" + name))
                .body("name", is(name))
                .body("status", is("new"))
                .body("release", nullValue())
                .body("url", is("http://" + name + "." + config.domain() + "/"))
                .body("createdAt", notNullValue());
        AppCreated created = EventJson.data(bus.await(RoutingKeys.APP_CREATED, e -> name.equals(e.subject()), EVENT_WAIT),
                AppCreated.class);
        assertEquals(name, created.app());

        given().get("/api/apps/" + name).then().statusCode(200).body("name", is(name)).body("status", is("new"));
        given().get("/api/apps").then().statusCode(200).body("name", hasItem(name));
        given().get("/api/apps/" + name + "/releases").then().statusCode(200).body("$", empty());

        given().delete("/api/apps/" + name).then().statusCode(204);
        AppDestroyed destroyed = EventJson.data(
                bus.await(RoutingKeys.APP_DESTROYED, e -> name.equals(e.subject()), EVENT_WAIT), AppDestroyed.class);
        assertEquals(name, destroyed.app());

        given().get("/api/apps/" + name).then().statusCode(404).body("error", is("no app named '" + name + "'"));
        given().get("/api/apps").then().body("name", not(hasItem(name)));
        given().delete("/api/apps/" + name).then().statusCode(404);
    }

    @Test
    void aDuplicateIsAConflict() throws Exception {
        String name = TestDocker.randomName("dup");
        given().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/apps").then().statusCode(201);

        given().contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/api/apps")
                .then().statusCode(409)
                .body("error", is("app '" + name + "' already exists"));

        given().get("/api/apps").then().body("findAll { it.name == '" + name + "' }.size()", is(1));
        given().delete("/api/apps/" + name).then().statusCode(204);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Shop", "UPPER", "1shop", "a", "x234567890123456789012345678901", "api", "status", "sh op",
            "shop;rm", "../etc", "shop_1", "" })
    void invalidNamesAreRefusedAndLeaveNothing(String name) {
        List<String> before = given().get("/api/apps").then().extract().path("name");

        given().contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/api/apps")
                .then().statusCode(400)
                .body("error", notNullValue());

        assertEquals(before, given().get("/api/apps").then().extract().path("name"));
    }

    @Test
    void theErrorSaysWhatIsWrong() {
        given().contentType(ContentType.JSON).body(Map.of("name", "admin")).post("/api/apps")
                .then().statusCode(400).body("error", is("app name 'admin' is reserved by Fjord"));
        given().contentType(ContentType.JSON).body(Map.of("name", "x".repeat(31))).post("/api/apps")
                .then().statusCode(400).body("error", is("app name is too long: at most 30 characters"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Shop")).post("/api/apps")
                .then().statusCode(400).body("error", containsString("lowercase letters, digits or dashes"));
        given().contentType(ContentType.JSON).body("{}").post("/api/apps")
                .then().statusCode(400).body("error", is("name is required"));
    }

    @Test
    void aBodyThatIsNotTheExpectedJsonIsRefused() {
        given().contentType(ContentType.JSON).body("not json").post("/api/apps")
                .then().statusCode(400).body("error", notNullValue());
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/apps")
                .then().statusCode(400).body("error", notNullValue());
        given().contentType(ContentType.JSON).body("[\"shop\"]").post("/api/apps")
                .then().statusCode(400).body("error", notNullValue());
        given().contentType(ContentType.JSON).post("/api/apps")
                .then().statusCode(400).body("error", notNullValue());
        given().contentType(ContentType.TEXT).body("shop").post("/api/apps")
                .then().statusCode(415).body("error", notNullValue());
    }

    @Test
    void unknownAppsAreNotFound() {
        String name = TestDocker.randomName("nope");
        given().get("/api/apps/" + name).then().statusCode(404).body("error", is("no app named '" + name + "'"));
        given().get("/api/apps/NOPE").then().statusCode(404).body("error", is("no such app"));
        given().get("/api/apps/" + name + "/releases").then().statusCode(404);
        given().get("/api/apps/" + name + "/releases/1").then().statusCode(404);
        given().delete("/api/apps/" + name).then().statusCode(404);
        given().delete("/api/apps/..%2Fetc").then().statusCode(404);
    }
}
