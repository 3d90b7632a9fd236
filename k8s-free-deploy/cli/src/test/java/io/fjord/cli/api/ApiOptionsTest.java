package io.fjord.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fjord.cli.CliException;
import org.junit.jupiter.api.Test;

class ApiOptionsTest {
    private final Settings saved = new Settings("http://api.saved.example", "saved-token");

    @Test
    void theOptionWinsThenTheEnvironmentThenTheSavedUrlThenTheDefault() {
        assertEquals("http://a", ApiOptions.resolveApi("http://a", "http://b", saved));
        assertEquals("http://b", ApiOptions.resolveApi(null, "http://b", saved));
        assertEquals("http://api.saved.example", ApiOptions.resolveApi(null, " ", saved));
        assertEquals(ApiOptions.DEFAULT_API, ApiOptions.resolveApi(null, null, Settings.NONE));
    }

    @Test
    void theEnvironmentsTokenWinsOverTheSavedOne() {
        assertEquals("env-token", ApiOptions.resolveToken(" env-token\n", saved));
        assertEquals("saved-token", ApiOptions.resolveToken(null, saved));
        assertNull(ApiOptions.resolveToken("", Settings.NONE));
    }

    @Test
    void acceptsOnlyHttpUrlsWithAHost() {
        assertEquals("api.fjord.localhost", ApiOptions.parseUrl("http://api.fjord.localhost").getHost());
        assertThrows(CliException.class, () -> ApiOptions.parseUrl("ftp://x"));
        assertThrows(CliException.class, () -> ApiOptions.parseUrl("api.fjord.localhost"));
        assertThrows(CliException.class, () -> ApiOptions.parseUrl("http://bad host"));
    }
}
