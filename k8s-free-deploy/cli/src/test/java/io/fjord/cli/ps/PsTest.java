package io.fjord.cli.ps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fjord.cli.api.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class PsTest {
    @Test
    void parsesTypeEqualsCount() {
        PsScale.ChangeConverter converter = new PsScale.ChangeConverter();
        assertEquals(new PsScale.Change("web", 3), converter.convert("web=3"));
        assertEquals(new PsScale.Change("worker_2", 0), converter.convert("worker_2=0"));
        for (String bad : new String[] {"web", "web=", "web=-1", "web=x", "Web=1", "=2", "web=1234567"}) {
            assertThrows(TypeConversionException.class, () -> converter.convert(bad), bad);
        }
    }

    @Test
    void scalingKeepsTheTypesNotNamed() throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("web", 3);
        counts.put("clock", 1);
        var formation = PsScale.merged(Json.MAPPER.readTree("{\"web\":1,\"worker\":2}"), counts);
        assertEquals("PUT /api/apps/shop/formation {\"web\":3,\"worker\":2,\"clock\":1}", PsScale.request("shop", formation).toString());
        assertEquals("{\"web\":3,\"clock\":1}", PsScale.merged(null, counts).toString());
        assertEquals("web=3, clock=1", PsScale.describe(counts));
    }

    @Test
    void showsTheFormationAsATable() throws Exception {
        assertEquals("GET /api/apps/shop/formation", Ps.request("shop").toString());
        assertEquals("""
                === shop Formation
                Type    Count
                ------  -----
                web     2
                worker  1
                """, Ps.render("shop", Json.MAPPER.readTree("{\"web\":2,\"worker\":1}")));
        assertEquals("shop has no processes yet: push a first release.\n", Ps.render("shop", Json.object()));
    }
}
