package io.fjord.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fjord.platform.api.ApiException;

class FormationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("web", "worker");

    @Test
    void typesNotNamedKeepTheirCount() throws Exception {
        assertEquals(Map.of("web", 3, "worker", 1),
                Formation.apply(Map.of("web", 1, "worker", 1), JSON.readTree("{\"web\": 3}"), TYPES, 20));
        assertEquals(Map.of("web", 0), Formation.apply(null, JSON.readTree("{\"web\": 0}"), TYPES, 20));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"web\": -1}", "{\"web\": 21}", "{\"web\": 1000000000000}", "{\"web\": 1.5}",
            "{\"web\": \"3\"}", "{\"web\": null}", "{\"clock\": 1}", "{\"release\": 1}", "{}", "[1]" })
    void refusesBadCounts(String body) throws Exception {
        Map<String, Integer> current = Map.of("web", 1);
        ApiException e = assertThrows(ApiException.class, () -> Formation.apply(current, JSON.readTree(body), TYPES, 20));
        assertEquals(400, e.status());
    }

    @Test
    void namesWhatIsWrong() throws Exception {
        assertEquals("unknown process type 'clock'; this app runs [web, worker]", assertThrows(ApiException.class,
                () -> Formation.apply(Map.of(), JSON.readTree("{\"clock\": 1}"), TYPES, 20)).getMessage());
        assertEquals("the count of web must be a whole number from 0 to 20", assertThrows(ApiException.class,
                () -> Formation.apply(Map.of(), JSON.readTree("{\"web\": 99}"), TYPES, 20)).getMessage());
    }
}
