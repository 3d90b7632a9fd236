package io.fjord.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class NginxOutputTest {
    private static final Path LIVE = Path.of("/var/lib/fjord/nginx");
    private static final Path CANDIDATE = LIVE.resolve(".candidate-4711");

    @Test
    void keepsTheErrorWithPathsRelativeToTheTree() {
        NginxOutput output = NginxOutput.parse("""
                2026/11/23 10:19:42 [emerg] 19497#19497: host not found in upstream "no-such-host.invalid:80" \
                in /var/lib/fjord/nginx/.candidate-4711/apps/shop.conf:7
                nginx: configuration file /var/lib/fjord/nginx/.candidate-4711/nginx.conf test failed
                """, CANDIDATE, LIVE);

        assertThat(output.errors()).containsExactly("host not found in upstream \"no-such-host.invalid:80\" in apps/shop.conf:7");
        assertThat(output.reason("none")).isEqualTo("host not found in upstream \"no-such-host.invalid:80\" in apps/shop.conf:7");
        assertThat(output.warnings()).isEmpty();
    }

    @Test
    void readsTheShortFormAndSeparatesWarnings() {
        NginxOutput output = NginxOutput.parse("""
                nginx: [warn] conflicting server name "shop.fjord.localhost" on 127.0.0.1:80, ignored
                nginx: [emerg] unknown directive "proxy_pas" in /var/lib/fjord/nginx/apps/shop.conf:12
                nginx: [emerg] open() "/var/lib/fjord/nginx/nginx.conf" failed (2: No such file or directory)
                """, CANDIDATE, LIVE);

        assertThat(output.errors()).containsExactly("unknown directive \"proxy_pas\" in apps/shop.conf:12",
                "open() \"nginx.conf\" failed (2: No such file or directory)");
        assertThat(output.warnings()).containsExactly("conflicting server name \"shop.fjord.localhost\" on 127.0.0.1:80, ignored");
        assertThat(output.reason("none")).isEqualTo(String.join("; ", output.errors()));
    }

    @Test
    void successSaysNothing() {
        NginxOutput output = NginxOutput.parse("""
                nginx: the configuration file /var/lib/fjord/nginx/nginx.conf syntax is ok
                nginx: configuration file /var/lib/fjord/nginx/nginx.conf test is successful
                2026/11/23 10:19:47 [notice] 19518#19518: signal process started
                """, LIVE);

        assertThat(output.errors()).isEmpty();
        assertThat(output.warnings()).isEmpty();
        assertThat(output.reason("nginx said nothing")).isEqualTo("nginx said nothing");
    }

    @Test
    void unlevelledOutputExplainsAFailureWhenThereIsNothingElse() {
        NginxOutput output = NginxOutput.parse("nginx: invalid option: \"z\"\n");

        assertThat(output.errors()).containsExactly("nginx: invalid option: \"z\"");
    }

    @Test
    void keepsAFewShortLines() {
        String line = "nginx: [emerg] " + "x".repeat(1000) + "\n";
        NginxOutput output = NginxOutput.parse(line.repeat(20));

        assertThat(output.errors()).hasSize(5).allSatisfy(error -> assertThat(error).hasSize(303).endsWith("..."));
    }
}
