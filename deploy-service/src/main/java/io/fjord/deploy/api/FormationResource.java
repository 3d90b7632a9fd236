package io.fjord.deploy.api;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.deploy.release.Scaling;

/** {@code GET/PUT /api/apps/{app}/formation {"web": 3, "worker": 1}}; types not named keep their count. */
@Path("/api/apps/{app}/formation")
@Produces(MediaType.APPLICATION_JSON)
public class FormationResource {
    private final Scaling scaling;

    FormationResource(Scaling scaling) {
        this.scaling = scaling;
    }

    @GET
    public Map<String, Integer> get(@PathParam("app") String app) {
        return scaling.formation(app);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Integer> put(@PathParam("app") String app, JsonNode body) {
        return scaling.scale(app, body);
    }
}
