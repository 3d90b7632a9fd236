package io.fjord.deploy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppNameTest {

    @ParameterizedTest
    @ValueSource(strings = { "shop", "ab", "a1", "my-shop-2", "x23456789012345678901234567890" })
    void acceptsLowercaseNamesOfTwoToThirtyCharacters(String name) {
        assertTrue(AppName.isValid(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Shop", "SHOP", "1shop", "-shop", "a", "sh op", "shop;rm", "../etc", "shop_1", "shop.io",
            "shop\n", "ünicode", "x234567890123456789012345678901" })
    void refusesNamesOutsideThePattern(String name) {
        assertFalse(AppName.isValid(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "api", "www", "admin", "git", "fjord", "static", "assets", "status" })
    void refusesReservedNames(String name) {
        assertEquals("app name '" + name + "' is reserved by Fjord", AppName.problem(name).orElseThrow());
    }

    @Test
    void saysWhatIsWrong() {
        assertEquals("name is required", AppName.problem(null).orElseThrow());
        assertEquals("name is required", AppName.problem("").orElseThrow());
        assertEquals("app name is too long: at most 30 characters", AppName.problem("a".repeat(31)).orElseThrow());
        assertTrue(AppName.problem("Shop").orElseThrow().contains("lowercase letters, digits or dashes, starting with a letter"));
    }
}
