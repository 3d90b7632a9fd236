package io.fjord.cli.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fjord.cli.api.Json;
import java.net.URI;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AppsTest {
    private static final URI API = URI.create("http://api.fjord.localhost");

    @Test
    void createPostsTheName() {
        assertEquals("POST /api/apps {\"name\":\"shop\"}", AppsCreate.request("shop").toString());
    }

    @Test
    void createShowsWhereTheAppWillAnswer() {
        assertEquals("""
                Created shop
                Web URL:    http://shop.fjord.localhost/
                Git remote: fjord git:remote -a shop
                """, AppsCreate.render("shop", API));
    }

    @Test
    void theWebUrlFollowsTheApisName() {
        assertEquals("https://shop.example.com:8443/", WebUrl.of(URI.create("https://api.example.com:8443"), "shop"));
        assertNull(WebUrl.of(URI.create("http://127.0.0.1:8082"), "shop"));
    }

    @Test
    void listShowsNamesUnderAHeader() throws Exception {
        assertEquals("=== Apps\nblog\nshop\n",
                AppsList.render(Json.MAPPER.readTree("[{\"name\":\"blog\"},{\"name\":\"shop\"}]")));
        assertEquals("No apps yet: create one with `fjord apps:create NAME`.\n", AppsList.render(Json.MAPPER.readTree("[]")));
        assertEquals("GET /api/apps", AppsList.request().toString());
    }

    @Test
    void infoShowsEveryFieldAndTheWebUrl() throws Exception {
        assertEquals("GET /api/apps/shop", AppsInfo.request("shop").toString());
        assertEquals("""
                === shop
                Name:       shop
                Created at: 2025-11-23 10:00:00 +0000
                Web URL:    http://shop.fjord.localhost/
                """, AppsInfo.render("shop", Json.MAPPER.readTree("{\"name\":\"shop\",\"createdAt\":\"2025-11-23T10:00:00Z\"}"),
                API, ZoneOffset.UTC));
    }

    @Test
    void destroyDeletesTheApp() {
        assertEquals("DELETE /api/apps/shop", AppsDestroy.request("shop").toString());
    }
}
