package io.fjord.session.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.fjord.platform.api.ApiException;

class ScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"admin", "sessions", "app:shop:deployer", "app:shop:read", "app:my-shop-2:read",
            "app:shop:sessions"})
    void theTextFormGoesBothWays(String text) {
        assertEquals(text, Scope.parse(text).toString());
    }

    @Test
    void appRolesNameTheirApp() {
        assertEquals(new Scope(Scope.Kind.DEPLOYER, "shop"), Scope.parse("app:shop:deployer"));
        assertEquals(new Scope(Scope.Kind.READ, "shop"), Scope.parse("app:shop:read"));
        assertEquals(new Scope(Scope.Kind.APP_SESSIONS, "shop"), Scope.parse("app:shop:sessions"));
        assertNull(Scope.parse("admin").app());
        assertFalse(Scope.parse("app:shop:sessions").isAppRole());
        assertTrue(Scope.parse("app:shop:sessions").isSessions());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Admin", "root", "admin ", "app", "app:shop", "app:shop:owner", "app:Shop:read",
            "app:s:read", "app:shop:read:x", "app::read", "app:shop:deployer\r\nX: y", "app:*:read",
            "app:shop/../x:read", "sessions:shop"})
    void anythingElseIsABadRequest(String text) {
        assertEquals(400, assertThrows(ApiException.class, () -> Scope.parse(text)).status());
    }
}
