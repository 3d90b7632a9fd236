package io.fjord.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeAuthFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/", "/api/apps", "/api/apps/shop/builds", "/api/login"})
    void apiPathsAreGuarded(String path) {
        assertTrue(EdgeAuthFilter.guarded(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/ready", "/webhooks/github/shop", "/auth/verify", "/internal/apps/shop/x",
            "/apix", "/", ""})
    void otherPathsAreNot(String path) {
        assertFalse(EdgeAuthFilter.guarded(path));
    }

    @Test
    void headerValuesAreKeptOnlyWhenPrintable() {
        assertEquals("token:ci-shop", EdgeAuthFilter.clean("token:ci-shop"));
        assertEquals("2001:db8::1", EdgeAuthFilter.clean("2001:db8::1"));
        assertNull(EdgeAuthFilter.clean(null));
        assertNull(EdgeAuthFilter.clean(""));
        assertNull(EdgeAuthFilter.clean("a\r\nX-Injected: 1"));
        assertNull(EdgeAuthFilter.clean("Bjørn"));
        assertNull(EdgeAuthFilter.clean("x".repeat(201)));
    }
}
