package io.fjord.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class HealthChecksTest {
    private static final HealthCheck.Settings DEFAULT = new HealthCheck.Settings("/up", 30, Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    @Test
    void readsDokkusFormat() {
        HealthChecks checks = HealthChecks.fromAppJson("""
                {"name": "shop", "scripts": {"dokku": {}},
                 "healthchecks": {"web": [
                   {"type": "startup", "name": "web check", "path": "/health", "attempts": 5, "timeout": 3,
                    "wait": 2, "initialDelay": 4, "content": "ok"},
                   {"type": "liveness", "path": "/live"}]}}
                """, DEFAULT);

        assertEquals(List.of(new HealthCheck.Settings("/health", 5, Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4), "ok")), checks.of("web", DEFAULT), "startup checks run; liveness is not one");
    }

    @Test
    void missingFieldsTakeTheDefaults() {
        HealthChecks checks = HealthChecks.fromAppJson("{\"healthchecks\": {\"web\": [{\"path\": \"/ping\"}]}}", DEFAULT);

        assertEquals(List.of(new HealthCheck.Settings("/ping", 30, Duration.ofSeconds(1), Duration.ofSeconds(2))),
                checks.of("web", DEFAULT));
    }

    @Test
    void withoutChecksWebGetsTheDefaultAndOtherTypesNone() {
        HealthChecks checks = HealthChecks.fromAppJson("{\"name\": \"shop\"}", DEFAULT);

        assertEquals(List.of(DEFAULT), checks.of("web", DEFAULT));
        assertEquals(List.of(), checks.of("worker", DEFAULT));
    }

    @Test
    void anEmptyListTurnsTheCheckOffAndOtherTypesMayHaveChecks() {
        HealthChecks checks = HealthChecks.fromAppJson(
                "{\"healthchecks\": {\"web\": [], \"worker\": [{\"path\": \"/metrics\", \"attempts\": 2}]}}", DEFAULT);

        assertEquals(List.of(), checks.of("web", DEFAULT));
        assertEquals("/metrics", checks.of("worker", DEFAULT).get(0).path());
    }

    @Test
    void saysWhatIsWrong() {
        assertEquals("app.json is not valid JSON",
                assertThrows(IllegalArgumentException.class, () -> HealthChecks.fromAppJson("{", DEFAULT)).getMessage());
        assertEquals("healthchecks.web[0].attempts must be a whole number from 1 to 100", assertThrows(
                IllegalArgumentException.class,
                () -> HealthChecks.fromAppJson("{\"healthchecks\": {\"web\": [{\"attempts\": 0}]}}", DEFAULT)).getMessage());
        assertEquals("healthchecks.web[1].path must start with / and hold no spaces (at most 200 characters)", assertThrows(
                IllegalArgumentException.class,
                () -> HealthChecks.fromAppJson("{\"healthchecks\": {\"web\": [{}, {\"path\": \"up now\"}]}}", DEFAULT))
                .getMessage());
        assertEquals("healthchecks.web must be a list of checks", assertThrows(IllegalArgumentException.class,
                () -> HealthChecks.fromAppJson("{\"healthchecks\": {\"web\": {\"path\": \"/up\"}}}", DEFAULT)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HealthChecks.fromAppJson("{\"healthchecks\": {\"web\": [{\"type\": \"sometimes\"}]}}", DEFAULT))
                .getMessage().contains("startup, liveness or readiness"));
    }

    @Test
    void writesWhatItReads() {
        HealthChecks checks = HealthChecks.fromAppJson(
                "{\"healthchecks\": {\"web\": [{\"path\": \"/h\", \"attempts\": 3, \"timeout\": 1, \"wait\": 1}]}}", DEFAULT);

        assertEquals(checks, HealthChecks.stored(checks.toJson().toString(), DEFAULT));
    }
}
