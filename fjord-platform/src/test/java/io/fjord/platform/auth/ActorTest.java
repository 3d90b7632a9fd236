package io.fjord.platform.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    void anAdminOrACallWithoutARoleSeesEveryApp() {
        assertTrue(Actor.sees(null, "shop"));
        assertTrue(Actor.sees("admin", "shop"));
    }

    @Test
    void anAppRoleSeesItsAppOnly() {
        assertTrue(Actor.sees("app:shop:deployer", "shop"));
        assertTrue(Actor.sees("app:shop:read", "shop"));
        assertFalse(Actor.sees("app:shop:read", "shopping"));
        assertFalse(Actor.sees("app:shop:read", "blog"));
    }

    @Test
    void otherRolesSeeNoApp() {
        assertFalse(Actor.sees("sessions", "shop"));
        assertFalse(Actor.sees("app:shop", "shop"));
        assertFalse(Actor.sees("app:shop:read:x", "shop"));
        assertFalse(Actor.sees("", "shop"));
    }
}
