package io.fjord.cli.builds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fjord.cli.CliException;
import io.fjord.cli.api.Json;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BuildsTest {
    @Test
    void listsBuildsWithShortCommits() throws Exception {
        assertEquals("GET /api/apps/shop/builds", Builds.request("shop").toString());
        var builds = Json.MAPPER.readTree("""
                [{"id":"7f3a","app":"shop","status":"failed","commit":"0123456789abcdef","error":"step 2 failed",
                  "createdAt":"2025-11-23T10:00:00Z"},
                 {"id":"6e21","app":"shop","status":"succeeded","commit":null,"error":null,"createdAt":"2025-11-23T09:00:00Z"}]""");
        assertEquals("""
                === shop Builds
                Id    Status     Commit   Created                    Error
                ----  ---------  -------  -------------------------  -------------
                7f3a  failed     0123456  2025-11-23 10:00:00 +0000  step 2 failed
                6e21  succeeded           2025-11-23 09:00:00 +0000
                """, Builds.render("shop", builds, ZoneOffset.UTC));
    }

    @Test
    void logStreamsTheBuildsLog() {
        assertEquals("GET /api/builds/7f3a-01/log", BuildsLog.request("7f3a-01").toString());
        for (String bad : new String[] {"..", "a/b", "", "-x", "a b"}) {
            assertThrows(CliException.class, () -> BuildsLog.request(bad), bad);
        }
    }
}
