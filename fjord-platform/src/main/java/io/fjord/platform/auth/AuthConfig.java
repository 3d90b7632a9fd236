package io.fjord.platform.auth;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The edge check: nginx asks session-service about every API call ({@code auth_request}) and adds the
 * shared secret header {@code X-Fjord-Edge}; the services refuse API calls that did not come that way.
 */
@ConfigMapping(prefix = "fjord.auth")
public interface AuthConfig {

    /** Whether API calls without the edge's header are refused; off until the edge sends it everywhere. */
    @WithDefault("false")
    boolean enabled();

    /** The value nginx sends in {@code X-Fjord-Edge} ({@code FJORD_EDGE_SECRET} of fjord.env). */
    Optional<String> edgeSecret();
}
