package io.fjord.session.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.fjord.platform.api.ApiException;
import io.fjord.platform.auth.EdgeSecret;
import io.fjord.session.access.AppNames;
import io.fjord.session.apps.AppRedisCredentials;
import io.fjord.session.apps.AppRedisUsers;

/**
 * For the platform's services only, on loopback (nginx routes nothing under /internal/): deploy-service
 * asks here for an app's {@code REDIS_URL} and {@code SESSION_KEY_PREFIX} when it makes a release, so the
 * password never crosses the bus. The caller proves itself with the edge secret whether or not
 * {@code fjord.auth.enabled} is on: without a configured secret, nobody gets credentials.
 */
@Path("/internal/apps/{app}/redis-credentials")
@Produces(MediaType.APPLICATION_JSON)
public class InternalAppResource {
    private final AppRedisUsers users;
    private final EdgeSecret edge;

    InternalAppResource(AppRedisUsers users, EdgeSecret edge) {
        this.users = users;
        this.edge = edge;
    }

    @GET
    public Response credentials(@PathParam("app") String app, @HeaderParam(EdgeSecret.HEADER) String secret) {
        if (!edge.matches(secret)) {
            throw new ApiException(401, "internal calls need the " + EdgeSecret.HEADER + " header");
        }
        if (!AppNames.isValid(app)) {
            throw unknown();
        }
        AppRedisCredentials credentials = users.credentials(app).orElseThrow(InternalAppResource::unknown);
        return Response.ok(credentials).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static ApiException unknown() {
        return ApiException.notFound("no such app, or its app.created event has not arrived yet");
    }
}
