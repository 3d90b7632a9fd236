package io.fjord.deploy.api;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.fjord.deploy.config.ConfigChanges;
import io.fjord.platform.api.ApiException;
import io.fjord.platform.auth.AuthConfig;
import io.fjord.platform.auth.EdgeSecret;

/**
 * For platform services on loopback, not routed by the edge. {@code GET /internal/apps/{app}/build-config}:
 * the app's build-time config vars for build-service. When FJORD_EDGE_SECRET is set, the caller must
 * present it in {@code X-Fjord-Edge}: the values are secrets.
 */
@Path("/internal/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {
    private final ConfigChanges config;
    private final AuthConfig auth;
    private final EdgeSecret secret;

    InternalResource(ConfigChanges config, AuthConfig auth, EdgeSecret secret) {
        this.config = config;
        this.auth = auth;
        this.secret = secret;
    }

    @GET
    @Path("build-config")
    public Map<String, String> buildConfig(@PathParam("app") String app,
            @HeaderParam(EdgeSecret.HEADER) String presented) {
        if (auth.edgeSecret().filter(s -> !s.isBlank()).isPresent() && !secret.matches(presented)) {
            throw new ApiException(403, "the " + EdgeSecret.HEADER + " header is missing or wrong");
        }
        return config.buildTimeVars(app);
    }
}
