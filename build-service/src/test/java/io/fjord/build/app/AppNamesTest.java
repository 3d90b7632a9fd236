package io.fjord.build.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AppNamesTest {

    @ParameterizedTest
    @ValueSource(strings = { "shop", "my-app", "a1", "x2-3", "abcdefghijklmnopqrstuvwxyz0123" })
    void acceptsPlatformNames(String name) {
        assertTrue(AppNames.isValid(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "a", "Shop", "1shop", "-shop", "sh op", "shop;rm", "../etc", "shop/x", "sh_op",
            "abcdefghijklmnopqrstuvwxyz01234", "api", "www", "admin", "git", "fjord", "static", "assets", "status",
            "shop\n" })
    void refusesEverythingElse(String name) {
        assertFalse(AppNames.isValid(name));
    }
}
