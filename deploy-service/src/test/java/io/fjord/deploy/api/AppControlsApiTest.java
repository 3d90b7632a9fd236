package io.fjord.deploy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fjord.deploy.TestDocker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** The app endpoints that need no container: config before the first release, build-time vars, settings, checks. */
@QuarkusTest
class AppControlsApiTest {
    private static final String EDGE_SECRET = System.getenv("FJORD_EDGE_SECRET");
    private String app;

    @BeforeEach
    void create() {
        app = TestDocker.randomName("ctl");
        given().contentType(ContentType.JSON).body(Map.of("name", app)).post("/api/apps").then().statusCode(201);
    }

    @AfterEach
    void destroy() {
        given().delete("/api/apps/" + app).then().statusCode(204);
    }

    @Test
    void configWithoutAReleaseIsStoredOnly() {
        given().get("/api/apps/" + app + "/config").then().statusCode(200).body("size()", is(0));
        given().contentType(ContentType.JSON).body("{\"A\": \"1\", \"B\": \"2\"}").patch("/api/apps/" + app + "/config")
                .then().statusCode(200).body("A", is("1"));
        given().contentType(ContentType.JSON).body("{\"A\": null}").patch("/api/apps/" + app + "/config")
                .then().statusCode(200).body("A", nullValue()).body("B", is("2"));
        given().get("/api/apps/" + app + "/releases").then().body("size()", is(0));
    }

    @Test
    void buildTimeVarsAreServedToBuildServiceOnlyWithTheEdgeSecret() throws Exception {
        given().contentType(ContentType.JSON).body("{\"NPM_TOKEN\": \"npm-s3cret\", \"RUNTIME\": \"r\"}")
                .patch("/api/apps/" + app + "/config").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"NPM_TOKEN\": true}").patch("/api/apps/" + app + "/config/build-time")
                .then().statusCode(200).body("NPM_TOKEN", is(true)).body("size()", is(1));
        given().contentType(ContentType.JSON).body("{\"MISSING\": true}").patch("/api/apps/" + app + "/config/build-time")
                .then().statusCode(400).body("error", is("config var MISSING is not set"));
        given().contentType(ContentType.JSON).body("{\"RUNTIME\": \"yes\"}").patch("/api/apps/" + app + "/config/build-time")
                .then().statusCode(400);

        given().header("X-Fjord-Edge", secret()).get("/internal/apps/" + app + "/build-config").then().statusCode(200)
                .body("NPM_TOKEN", is("npm-s3cret")).body("size()", is(1));
        if (EDGE_SECRET != null && !EDGE_SECRET.isBlank()) {
            given().header("X-Fjord-Edge", "wrong").get("/internal/apps/" + app + "/build-config").then().statusCode(403)
                    .body("error", is("the X-Fjord-Edge header is missing or wrong"));
            HttpResponse<String> without = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    RestAssured.baseURI + ":" + RestAssured.port + "/internal/apps/" + app + "/build-config")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, without.statusCode(), "no header at all");
            assertFalse(without.body().contains("npm-s3cret"));
        }
        given().header("X-Fjord-Edge", secret()).get("/internal/apps/no-such-app/build-config").then().statusCode(404);

        // Removing a var drops its build-time flag.
        given().contentType(ContentType.JSON).body("{\"NPM_TOKEN\": null}").patch("/api/apps/" + app + "/config")
                .then().statusCode(200);
        given().get("/api/apps/" + app + "/config/build-time").then().body("size()", is(0));
    }

    @Test
    void settingsAreCheckedAndShownWithTheirDefaults() {
        String path = "/api/apps/" + app + "/settings";
        given().get(path).then().statusCode(200).body("memoryMb", is(512)).body("cpus", is(1.0f))
                .body("pidsLimit", is(512)).body("drainSeconds", is(1)).body("stopSeconds", is(10));
        given().contentType(ContentType.JSON).body("{\"memoryMb\": 128, \"capAdd\": [\"NET_BIND_SERVICE\"]}").patch(path)
                .then().statusCode(200).body("memoryMb", is(128)).body("capAdd[0]", is("NET_BIND_SERVICE"));
        given().contentType(ContentType.JSON).body("{\"capAdd\": [\"SYS_ADMIN\"]}").patch(path)
                .then().statusCode(400).body("error", containsString("capAdd may only hold"));
        given().contentType(ContentType.JSON).body("{\"memoryMb\": -1}").patch(path).then().statusCode(400);
        given().get(path).then().body("memoryMb", is(128));
    }

    @Test
    void healthChecksSetThroughTheApiWinUntilRemoved() {
        String path = "/api/apps/" + app + "/healthcheck";
        given().get(path).then().statusCode(200).body("source", is("default")).body("checks.web[0].path", is("/up"));
        given().contentType(ContentType.JSON)
                .body("{\"web\": [{\"path\": \"/health\", \"attempts\": 5, \"timeout\": 2, \"wait\": 1, \"initialDelay\": 3}]}")
                .put(path).then().statusCode(200).body("source", is("api")).body("checks.web[0].initialDelay", is(3));
        given().get(path).then().body("source", is("api")).body("checks.web[0].path", is("/health"));
        given().contentType(ContentType.JSON).body("{\"web\": [{\"attempts\": 0}]}").put(path).then().statusCode(400)
                .body("error", is("healthchecks.web[0].attempts must be a whole number from 1 to 100"));
        given().delete(path).then().statusCode(204);
        given().get(path).then().body("source", is("default"));
    }

    @Test
    void unknownAppsAreNotFoundEverywhere() {
        String nope = TestDocker.randomName("nope");
        for (String sub : new String[] { "config", "config/build-time", "formation", "settings", "healthcheck", "logs" }) {
            given().get("/api/apps/" + nope + "/" + sub).then().statusCode(404);
        }
        given().contentType(ContentType.JSON).body("{\"A\": \"1\"}").patch("/api/apps/" + nope + "/config").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"version\": 1}").post("/api/apps/" + nope + "/rollback").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"web\": 1}").put("/api/apps/" + nope + "/formation").then().statusCode(404);
        given().get("/api/apps/" + app + "/releases/1/log").then().statusCode(404);
    }

    @Test
    void formationBeforeAnyReleaseKnowsOnlyWeb() {
        given().get("/api/apps/" + app + "/formation").then().statusCode(200).body("web", is(1)).body("size()", is(1));
        given().contentType(ContentType.JSON).body("{\"worker\": 1}").put("/api/apps/" + app + "/formation")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"web\": 2}").put("/api/apps/" + app + "/formation")
                .then().statusCode(200).body("web", is(2));
    }

    private static String secret() {
        return EDGE_SECRET == null ? "" : EDGE_SECRET;
    }
}
