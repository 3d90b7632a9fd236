package io.fjord.platform.bus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingKeyPatternTest {

    @ParameterizedTest
    @CsvSource({
            "app.created, app.created",
            "#, app.created",
            "#, routes.changed",
            "#, single",
            "app.*, app.created",
            "*.created, app.created",
            "app.#, app.created",
            "app.#, app",
            "app.#, app.a.b",
            "#.created, app.created",
            "#.created, created",
            "a.#.z, a.z",
            "a.#.z, a.b.c.z",
    })
    void matchesAsTheBrokerDoes(String pattern, String key) {
        assertTrue(RoutingKeyPattern.matches(pattern, key), pattern + " ~ " + key);
    }

    @ParameterizedTest
    @CsvSource({
            "app.created, app.destroyed",
            "app.created, app.created.x",
            "app.created, app",
            "app.*, app",
            "app.*, app.a.b",
            "*.created, created",
            "*, app.created",
            "#.created, app.destroyed",
            "a.#.z, a.b.c",
            "app.created, appXcreated",
    })
    void refusesWhatTheBrokerWouldNotDeliver(String pattern, String key) {
        assertFalse(RoutingKeyPattern.matches(pattern, key), pattern + " !~ " + key);
    }
}
