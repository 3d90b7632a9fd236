package io.fjord.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fjord.cli.CliException;
import io.fjord.cli.api.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConfigTest {
    @Test
    void listReadsTheConfigAndAlignsIt() throws Exception {
        assertEquals("GET /api/apps/shop/config", ConfigList.request("shop").toString());
        assertEquals("=== shop Config Vars\nDATABASE_URL: mysql://db/shop\nDEBUG:        1\n",
                ConfigList.render("shop", Json.MAPPER.readTree("{\"DATABASE_URL\":\"mysql://db/shop\",\"DEBUG\":\"1\"}")));
        assertEquals("shop has no config vars.\n", ConfigList.render("shop", Json.object()));
    }

    @Test
    void getPrintsTheValueAloneAndFailsWhenUnset() throws Exception {
        var config = Json.MAPPER.readTree("{\"A\":\"x=y\",\"EMPTY\":\"\"}");
        assertEquals("x=y", ConfigGet.value("shop", config, "A"));
        assertEquals("", ConfigGet.value("shop", config, "EMPTY"));
        CliException e = assertThrows(CliException.class, () -> ConfigGet.value("shop", config, "B"));
        assertEquals("config var B is not set on shop", e.getMessage());
    }

    @Test
    void setSplitsAtTheFirstEquals() {
        ConfigSet.AssignmentConverter converter = new ConfigSet.AssignmentConverter();
        assertEquals(new ConfigSet.Assignment("URL", "postgres://u:p@h/db?a=b"), converter.convert("URL=postgres://u:p@h/db?a=b"));
        assertEquals(new ConfigSet.Assignment("EMPTY", ""), converter.convert("EMPTY="));
        assertThrows(TypeConversionException.class, () -> converter.convert("NOVALUE"));
        assertThrows(TypeConversionException.class, () -> converter.convert("=value"));
    }

    @Test
    void setPatchesTheGivenVars() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("A", "1");
        vars.put("B", "two words");
        assertEquals("PATCH /api/apps/shop/config {\"A\":\"1\",\"B\":\"two words\"}", ConfigSet.request("shop", vars).toString());
    }

    @Test
    void unsetPatchesNulls() {
        assertEquals("PATCH /api/apps/shop/config {\"A\":null,\"OLD\":null}", ConfigUnset.request("shop", List.of("A", "OLD")).toString());
    }
}
