package io.fjord.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AppOptionTest {
    @Test
    void acceptsThePlatformsNames() {
        assertEquals("shop", AppOption.validated("shop"));
        assertEquals("my-app-2", AppOption.validated("my-app-2"));
        assertEquals("a".repeat(30), AppOption.validated("a".repeat(30)));
    }

    @Test
    void refusesWhatCouldNeverBeAnApp() {
        for (String bad : new String[] {"a", "Shop", "2shop", "../etc", "shop/x", "shop.git", "a".repeat(31), "sh op"}) {
            CliException e = assertThrows(CliException.class, () -> AppOption.validated(bad), bad);
            assertEquals(ExitCodes.ERROR, e.exitCode());
        }
    }
}
