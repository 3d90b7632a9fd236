package io.fjord.deploy.api;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.deploy.release.Release;
import io.fjord.deploy.release.Rollbacks;
import io.fjord.platform.auth.Actor;

/** {@code POST /api/apps/{app}/rollback {"version": N}}: answers 201 with the new release, which is on its way. */
@Path("/api/apps/{app}/rollback")
@Produces(MediaType.APPLICATION_JSON)
public class RollbackResource {
    private final Rollbacks rollbacks;
    private final Actor actor;

    RollbackResource(Rollbacks rollbacks, Actor actor) {
        this.rollbacks = rollbacks;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rollback(@PathParam("app") String app, JsonNode body) {
        Release release = rollbacks.rollback(app, body, actor.name());
        return Response.created(URI.create("/api/apps/" + app + "/releases/" + release.version))
                .entity(ReleaseView.of(release)).build();
    }
}
