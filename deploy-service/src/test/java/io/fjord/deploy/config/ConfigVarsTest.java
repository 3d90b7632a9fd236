package io.fjord.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.platform.api.ApiException;

class ConfigVarsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void setsChangesAndRemovesInOneGo() throws Exception {
        ConfigVars.Merge merge = ConfigVars.merge(Map.of("A", "1", "B", "2", "OLD", "x"),
                json("{\"B\": \"3\", \"C\": \"\", \"OLD\": null, \"GONE\": null, \"A\": \"1\"}"));

        assertEquals(Map.of("A", "1", "B", "3", "C", ""), merge.vars());
        assertEquals(Set.of("B", "C", "OLD"), merge.changed(), "unchanged A and absent GONE are no change");
    }

    @Test
    void theSameValuesChangeNothing() throws Exception {
        assertTrue(ConfigVars.merge(Map.of("A", "1"), json("{\"A\": \"1\", \"B\": null}")).changesNothing());
    }

    @ParameterizedTest
    @ValueSource(strings = { "1ABC", "A-B", "A B", "A.B", "ÄPFEL", "A=B", "" })
    void refusesInvalidNamesNamingThem(String key) {
        ObjectNode patch = JSON.createObjectNode().put(key, "secret-value");

        ApiException e = assertThrows(ApiException.class, () -> ConfigVars.merge(Map.of(), patch));

        assertEquals(400, e.status());
        assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "PORT", "FJORD_SECRET", "FJORD_" })
    void refusesReservedNames(String key) {
        ApiException e = assertThrows(ApiException.class,
                () -> ConfigVars.merge(Map.of(), JSON.createObjectNode().put(key, "v")));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }

    @Test
    void refusesNulBytesWithoutShowingTheValue() {
        ApiException e = assertThrows(ApiException.class,
                () -> ConfigVars.merge(Map.of(), JSON.createObjectNode().put("TOKEN", "abc\0def")));

        assertEquals("the value of TOKEN contains a NUL byte, which a process environment cannot hold", e.getMessage());
    }

    @Test
    void refusesOversizedValuesAndTotals() {
        ApiException one = assertThrows(ApiException.class, () -> ConfigVars.merge(Map.of(),
                JSON.createObjectNode().put("BIG", "x".repeat(ConfigVars.MAX_VALUE_BYTES + 1))));
        assertEquals("the value of BIG is too large: at most 32768 bytes", one.getMessage());

        ObjectNode many = JSON.createObjectNode();
        for (int i = 0; i < 9; i++) {
            many.put("K" + i, "x".repeat(ConfigVars.MAX_VALUE_BYTES - 10));
        }
        ApiException total = assertThrows(ApiException.class, () -> ConfigVars.merge(Map.of(), many));
        assertTrue(total.getMessage().startsWith("config vars would take"), total.getMessage());
    }

    @Test
    void refusesValuesThatAreNotStringsAndBodiesThatAreNotObjects() throws Exception {
        assertEquals("the value of N must be a string, or null to remove it",
                assertThrows(ApiException.class, () -> ConfigVars.merge(Map.of(), json("{\"N\": 3}"))).getMessage());
        assertThrows(ApiException.class, () -> ConfigVars.merge(Map.of(), json("[\"A\"]")));
        assertEquals("no config vars given", assertThrows(ApiException.class, () -> ConfigVars.merge(Map.of(), json("{}")))
                .getMessage());
    }

    @Test
    void oneBadKeyChangesNothingEvenAfterGoodOnes() throws Exception {
        Map<String, String> current = Map.of("A", "1");
        assertThrows(ApiException.class, () -> ConfigVars.merge(current, json("{\"B\": \"2\", \"1X\": \"3\"}")));
        assertEquals(Map.of("A", "1"), current);
    }
}
