package io.fjord.deploy.api;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.deploy.app.App;
import io.fjord.deploy.app.AppSettings;
import io.fjord.deploy.app.Apps;
import io.fjord.deploy.docker.ContainerSettings;
import io.fjord.deploy.release.AppRuntime;

/**
 * An app's limits and timeouts ({@link AppSettings}); {@code GET} shows what applies, defaults included.
 * Changes apply to the containers started from then on (the next release or scale-up).
 */
@Path("/api/apps/{app}/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    public record SettingsView(long memoryMb, double cpus, long pidsLimit, List<String> capAdd, long drainSeconds,
            long stopSeconds) {
    }

    private final AppRuntime runtime;

    SettingsResource(AppRuntime runtime) {
        this.runtime = runtime;
    }

    @GET
    @Transactional
    public SettingsView get(@PathParam("app") String name) {
        return view(Apps.lock(name));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public SettingsView patch(@PathParam("app") String name, JsonNode body) {
        App app = Apps.lock(name);
        AppSettings.apply(app, body);
        return view(app);
    }

    private SettingsView view(App app) {
        ContainerSettings c = runtime.containers(app);
        return new SettingsView(c.memoryBytes() / (1024 * 1024), c.nanoCpus() / 1e9, c.pidsLimit(), c.capAdd(),
                runtime.drain(app).toSeconds(), runtime.stop(app).toSeconds());
    }
}
