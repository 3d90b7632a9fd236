package io.fjord.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/** The secret that proves a request came through the edge (or from a platform service on loopback). */
@ApplicationScoped
public class EdgeSecret {
    /** The header nginx adds to every request it passes to a service. */
    public static final String HEADER = "X-Fjord-Edge";
    /** A guessable secret protects nothing: 32 characters is the 128 bits install.sh makes. */
    static final int MIN_LENGTH = 32;

    private final AuthConfig config;

    EdgeSecret(AuthConfig config) {
        this.config = config;
    }

    /** A service that is told to check the edge but has no secret to compare with must not start. */
    void check(@Observes StartupEvent ignored) {
        if (config.enabled() && !configured()) {
            throw new IllegalStateException("fjord.auth.enabled is true but fjord.auth.edge-secret "
                    + "(FJORD_EDGE_SECRET) is missing or shorter than " + MIN_LENGTH + " characters");
        }
    }

    /**
     * Whether {@code presented} is the edge's secret. Without a configured secret nothing matches, so a
     * caller that checks this always fails closed. The comparison takes the same time wherever it differs.
     */
    public boolean matches(String presented) {
        return presented != null && configured() && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8),
                config.edgeSecret().get().getBytes(StandardCharsets.UTF_8));
    }

    private boolean configured() {
        return config.edgeSecret().filter(secret -> secret.length() >= MIN_LENGTH).isPresent();
    }
}
