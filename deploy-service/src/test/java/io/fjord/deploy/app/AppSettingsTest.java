package io.fjord.deploy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fjord.platform.api.ApiException;

class AppSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void appliesAndResets() throws Exception {
        App app = new App();
        AppSettings.apply(app, JSON.readTree(
                "{\"memoryMb\": 256, \"cpus\": 0.5, \"capAdd\": [\"net_bind_service\", \"CAP_CHOWN\"], \"drainSeconds\": 0, \"stopSeconds\": 3}"));

        assertEquals(256L * 1024 * 1024, app.memoryBytes);
        assertEquals(500_000_000L, app.nanoCpus);
        assertEquals(List.of("CHOWN", "NET_BIND_SERVICE"), AppSettings.capAdd(app));
        assertEquals(0, app.drainSeconds);
        assertEquals(3, app.stopSeconds);

        AppSettings.apply(app, JSON.readTree("{\"memoryMb\": null, \"capAdd\": []}"));
        assertNull(app.memoryBytes);
        assertEquals(List.of(), AppSettings.capAdd(app));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"capAdd\": [\"SYS_ADMIN\"]}", "{\"capAdd\": [\"NET_ADMIN\"]}", "{\"capAdd\": \"CHOWN\"}",
            "{\"memoryMb\": 1}", "{\"memoryMb\": -5}", "{\"cpus\": 0}", "{\"cpus\": 1000}", "{\"drainSeconds\": 301}",
            "{\"stopSeconds\": 0}", "{\"privileged\": true}", "{}" })
    void refusesWhatIsNotAllowedAndChangesNothing(String body) throws Exception {
        App app = new App();
        app.memoryBytes = 1L;
        ApiException e = assertThrows(ApiException.class,
                () -> AppSettings.apply(app, JSON.readTree("{\"memoryMb\": 64, " + body.substring(1).replaceFirst("^}$", "\"x\": 1}"))));
        assertEquals(400, e.status());
        assertEquals(1L, app.memoryBytes, "nothing applied");
    }
}
