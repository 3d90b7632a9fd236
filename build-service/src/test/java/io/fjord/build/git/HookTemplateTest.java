package io.fjord.build.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookTemplateTest {

    private static GitConfig.Hook hook(String buildUrl, String deployUrl, String domain, Duration timeout) {
        return new GitConfig.Hook() {
            @Override
            public String buildUrl() {
                return buildUrl;
            }

            @Override
            public String deployUrl() {
                return deployUrl;
            }

            @Override
            public String domain() {
                return domain;
            }

            @Override
            public Duration releaseTimeout() {
                return timeout;
            }
        };
    }

    @Test
    void fillsEveryPlaceholderWithAQuotedValue() {
        String script = new HookTemplate("A=@APP@ B=@BUILD_URL@ D=@DEPLOY_URL@ N=@DOMAIN@ T=@RELEASE_TIMEOUT@")
                .render("shop", hook("http://127.0.0.1:8081/", "http://127.0.0.1:8082", "fjord.localhost",
                        Duration.ofMinutes(3)));
        assertEquals("A='shop' B='http://127.0.0.1:8081' D='http://127.0.0.1:8082' N='fjord.localhost' T='180'", script);
    }

    @Test
    void aQuoteInAValueCannotEndTheShellWord() {
        assertEquals("'it'\\''s; rm -rf /'", HookTemplate.shellQuote("it's; rm -rf /"));
    }

    @Test
    void theShippedHookIsValidBashWithNothingLeftToFill(@TempDir Path dir) throws Exception {
        String script = HookTemplate.fromResource().render("shop",
                hook("http://127.0.0.1:8081", "http://127.0.0.1:8082", "example.org", Duration.ofSeconds(180)));
        assertFalse(script.matches("(?s).*@[A-Z_]+@.*"), "a placeholder was left unfilled");
        assertTrue(script.startsWith("#!/usr/bin/env bash\n"));
        assertTrue(script.contains("APP='shop'"));
        Path file = dir.resolve("pre-receive");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Process check = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), output);
    }
}
