package io.fjord.deploy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.fjord.deploy.release.Releases;

class AppSessionStoreTest {

    @Test
    void sessionServicesAnswerBecomesTheEnvironment() {
        assertEquals(Map.of("REDIS_URL", "redis://app-shop:pw@172.17.0.1:6379/0", "SESSION_KEY_PREFIX", "app:shop:"),
                AppSessionStore.parse("{\"redisUrl\": \"redis://app-shop:pw@172.17.0.1:6379/0\","
                        + " \"sessionKeyPrefix\": \"app:shop:\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"redisUrl\": \"redis://app-shop:hunter2@h/0\"}",
            "{\"redisUrl\": 1, \"sessionKeyPrefix\": \"app:shop:\"}"})
    void anythingElseIsRefusedWithoutQuotingIt(String body) {
        AppSessionStore.Unavailable e = assertThrows(AppSessionStore.Unavailable.class, () -> AppSessionStore.parse(body));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void theAppsOwnConfigVarWinsOverThePlatforms() {
        Releases.Plan plan = new Releases.Plan("shop", 1, 1, "fjord/shop:1", 5000, Map.of(),
                Map.of("REDIS_URL", "redis://mine/0", "A", "1"), Map.of("web", 1), null, null, null, null);
        Releases.Plan merged = plan.withPlatformEnv(Map.of("REDIS_URL", "redis://platform/0",
                "SESSION_KEY_PREFIX", "app:shop:"));
        assertEquals(Map.of("REDIS_URL", "redis://mine/0", "A", "1", "SESSION_KEY_PREFIX", "app:shop:"), merged.vars());
        assertEquals(plan, plan.withPlatformEnv(Map.of()));
    }
}
