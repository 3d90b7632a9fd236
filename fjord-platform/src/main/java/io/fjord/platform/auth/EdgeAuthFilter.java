package io.fjord.platform.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.fjord.platform.api.ApiErrorMappers;

/**
 * Refuses API calls that did not come through the edge, where session-service has already checked the
 * caller's token: without the edge's secret header, a call to a service's loopback port is a 401. Only
 * {@code /api} is guarded; {@code /q/} (health, metrics), {@code /webhooks/} (signed), session-service's
 * {@code /auth/verify} (nginx asks it) and {@code /internal/} (checks the header itself) are not.
 * Every request that passes fills {@link Actor}.
 */
public class EdgeAuthFilter {
    static final String ACTOR = "X-Fjord-Actor";
    static final String ROLE = "X-Fjord-Role";
    static final String REAL_IP = "X-Real-IP";
    /** Names, roles and addresses are short; anything longer or with control characters is not ours. */
    private static final int MAX_HEADER = 200;

    private final AuthConfig config;
    private final EdgeSecret secret;
    private final Actor actor;

    EdgeAuthFilter(AuthConfig config, EdgeSecret secret, Actor actor) {
        this.config = config;
        this.secret = secret;
        this.actor = actor;
    }

    /** Before routing, so that unknown API paths are refused the same way and reveal nothing. */
    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        if (config.enabled() && guarded(request.getUriInfo().getPath())
                && !secret.matches(request.getHeaderString(EdgeSecret.HEADER))) {
            return ApiErrorMappers.error(401, "the API is reached through the edge (http://api.<domain>/api/...)"
                    + " with a token");
        }
        actor.set(clean(request.getHeaderString(ACTOR)), clean(request.getHeaderString(ROLE)),
                clean(request.getHeaderString(REAL_IP)));
        return null;
    }

    static boolean guarded(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** A header value fit to be recorded: printable ASCII of a sane length, else unknown. */
    static String clean(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_HEADER) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
        }
        return value;
    }
}
