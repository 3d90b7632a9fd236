package io.fjord.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequestTest {
    @Test
    void fillsThePlaceholdersInOrder() {
        assertEquals("/api/apps/shop/config", Request.path("/api/apps/{}/config", "shop"));
        assertEquals("/api/builds/42/log", Request.path("/api/builds/{}/log", "42"));
    }

    @Test
    void encodesAValueAsOneSegment() {
        assertEquals("/api/apps/a%2Fb%3Fx%3D1%20c/config", Request.path("/api/apps/{}/config", "a/b?x=1 c"));
    }

    @Test
    void refusesAMismatchOfValuesAndPlaceholders() {
        assertThrows(IllegalArgumentException.class, () -> Request.path("/api/apps/{}", "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> Request.path("/api/apps/{}/x/{}", "a"));
    }

    @Test
    void showsMethodPathAndBody() {
        assertEquals("POST /api/apps {\"name\":\"shop\"}", Request.post("/api/apps", Json.object().put("name", "shop")).toString());
        assertEquals("GET /api/apps", Request.get("/api/apps").toString());
    }
}
