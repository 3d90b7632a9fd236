package io.fjord.proxy.acme;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The ACME certificate authority certificates are ordered from (HTTP-01), and their renewal. */
@ConfigMapping(prefix = "fjord.acme")
public interface AcmeConfig {

    /** The CA's directory URL: Let's Encrypt's production one unless told otherwise. */
    @WithDefault("https://acme-v02.api.letsencrypt.org/directory")
    URI directory();

    /**
     * A PEM file with the CA certificate(s) to trust for the directory's HTTPS instead of the JDK's: for a
     * test CA such as Pebble. Read on every order.
     */
    Optional<Path> trustCertificate();

    /** The account's contact address, told to the CA (expiry notices); none by default. */
    Optional<String> email();

    /** The account's key pair, PEM; created (mode 0600) on the first order. */
    @WithDefault("/var/lib/fjord/acme/account.pem")
    Path accountKey();

    /** How long each step of an order (validation, issuance) may take. */
    @WithDefault("40s")
    Duration timeout();

    /** Certificates Fjord ordered are ordered again when they end within this. */
    @WithDefault("30d")
    Duration renewBefore();

    /** How often the renewal looks for such certificates (the scheduler reads it). */
    @WithDefault("12h")
    String renewEvery();

    /** How long after the start it looks the first time. */
    @WithDefault("5m")
    String renewDelay();
}
