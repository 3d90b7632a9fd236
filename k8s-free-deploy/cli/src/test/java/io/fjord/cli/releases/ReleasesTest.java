package io.fjord.cli.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fjord.cli.api.Json;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ReleasesTest {
    @Test
    void listsReleasesNewestFirstAsTheApiSends() throws Exception {
        assertEquals("GET /api/apps/shop/releases", Releases.request("shop").toString());
        var releases = Json.MAPPER.readTree("""
                [{"version":2,"buildId":"b2","image":"fjord/shop:b2","status":"failed","reason":"health check timed out",
                  "createdAt":"2025-11-23T10:05:00Z","finishedAt":null},
                 {"version":1,"buildId":"b1","image":"fjord/shop:b1","status":"live","reason":null,
                  "createdAt":"2025-11-23T10:00:00Z","finishedAt":"2025-11-23T10:00:09Z"}]""");
        assertEquals("""
                === shop Releases
                Version  Status  Build  Created                    Reason
                -------  ------  -----  -------------------------  ----------------------
                v2       failed  b2     2025-11-23 10:05:00 +0000  health check timed out
                v1       live    b1     2025-11-23 10:00:00 +0000
                """, Releases.render("shop", releases, ZoneOffset.UTC));
        assertEquals("shop has no releases yet: `git push fjord main` makes the first.\n",
                Releases.render("shop", Json.MAPPER.readTree("[]"), ZoneOffset.UTC));
    }

    @Test
    void rollbackTakesVnOrN() {
        Rollback.VersionConverter converter = new Rollback.VersionConverter();
        assertEquals(3, converter.convert("v3"));
        assertEquals(12, converter.convert("12"));
        for (String bad : new String[] {"v", "vx", "-1", "v3.1", "V3", ""}) {
            assertThrows(TypeConversionException.class, () -> converter.convert(bad), bad);
        }
    }

    @Test
    void rollbackPostsTheVersion() throws Exception {
        assertEquals("POST /api/apps/shop/rollback {\"version\":3}", Rollback.request("shop", 3).toString());
        assertEquals("Rolling back shop to v3: release v6 is starting\n",
                Rollback.render("shop", 3, Json.MAPPER.readTree("{\"version\":6,\"status\":\"starting\"}")));
        assertEquals("Rolling back shop to v3\n", Rollback.render("shop", 3, null));
    }
}
