package io.fjord.deploy.api;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.deploy.config.ConfigChanges;
import io.fjord.platform.auth.Actor;

/**
 * An app's config vars: {@code GET} shows them to the (authorized) caller, {@code PATCH {"KEY": "value",
 * "OLD": null}} changes them and, when a release is live, rolls out a new release with them. Build-time
 * flags: {@code GET/PATCH .../config/build-time {"NPM_TOKEN": true}}.
 */
@Path("/api/apps/{app}/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {
    private final ConfigChanges changes;
    private final Actor actor;

    ConfigResource(ConfigChanges changes, Actor actor) {
        this.changes = changes;
        this.actor = actor;
    }

    @GET
    public Map<String, String> get(@PathParam("app") String app) {
        return changes.current(app);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> patch(@PathParam("app") String app, JsonNode body) {
        return changes.patch(app, body, actor.name());
    }

    @GET
    @Path("build-time")
    public Map<String, Boolean> buildTime(@PathParam("app") String app) {
        return flags(changes.buildTimeKeys(app));
    }

    @PATCH
    @Path("build-time")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Boolean> flagBuildTime(@PathParam("app") String app, JsonNode body) {
        return flags(changes.flagBuildTime(app, body));
    }

    private static Map<String, Boolean> flags(Set<String> keys) {
        Map<String, Boolean> flags = new TreeMap<>();
        keys.forEach(key -> flags.put(key, true));
        return flags;
    }
}
