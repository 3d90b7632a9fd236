package io.fjord.deploy.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.fjord.deploy.app.App;
import io.fjord.deploy.release.Release;
import io.fjord.platform.api.ApiException;

/** An app's release history; the git hook polls it to tell the pusher when the new release is live. */
@Path("/api/apps/{app}/releases")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseResource {

    /** Newest first. */
    @GET
    public List<ReleaseView> list(@PathParam("app") String name) {
        App app = AppResource.find(name);
        return Release.<Release>list("app = ?1 order by version desc", app).stream().map(ReleaseView::of).toList();
    }

    @GET
    @Path("{version}")
    public ReleaseDetail get(@PathParam("app") String name, @PathParam("version") String version) {
        return ReleaseDetail.of(find(name, version));
    }

    /** The last output of the release's failed container (or release command); empty when there is none. */
    @GET
    @Path("{version}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("app") String name, @PathParam("version") String version) {
        String log = find(name, version).log;
        return log == null ? "" : log;
    }

    private static Release find(String name, String version) {
        App app = AppResource.find(name);
        if (!version.matches("[1-9][0-9]{0,8}")) {
            throw ApiException.notFound("no such release");
        }
        Release release = Release.<Release>find("app = ?1 and version = ?2", app, Integer.parseInt(version)).firstResult();
        if (release == null) {
            throw ApiException.notFound("app '" + name + "' has no release " + version);
        }
        return release;
    }
}
