package io.fjord.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionSpaceTest {

    @ParameterizedTest
    @ValueSource(strings = {"app:shop:sessions", "app:my-shop-2:sessions"})
    void anAppsSessionsScopeHasASpaceOfItsOwn(String role) {
        assertEquals("app:" + role.split(":")[1] + ":", RedisSessionStore.space(role));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"sessions", "admin", "app:shop:deployer", "app:shop:read", "app:Shop:sessions",
            "app:shop:sessions:x", "app::sessions", "app:shop/x:sessions", ""})
    void everythingElseUsesThePlatformsSpace(String role) {
        assertEquals("", RedisSessionStore.space(role));
    }
}
