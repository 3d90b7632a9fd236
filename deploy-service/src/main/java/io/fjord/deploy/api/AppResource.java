package io.fjord.deploy.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.fjord.deploy.app.App;
import io.fjord.deploy.app.AppName;
import io.fjord.deploy.app.Apps;
import io.fjord.platform.api.ApiException;
import io.fjord.platform.auth.Actor;

@Path("/api/apps")
@Produces(MediaType.APPLICATION_JSON)
public class AppResource {
    private final Apps apps;
    private final AppViews views;
    private final Actor actor;

    AppResource(Apps apps, AppViews views, Actor actor) {
        this.apps = apps;
        this.views = views;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateApp body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body {\"name\": \"<app>\"} is required");
        }
        App app = apps.create(body.name());
        return Response.created(URI.create("/api/apps/" + app.name)).entity(views.of(app)).build();
    }

    /** The apps the caller has a role on: all of them for an admin. */
    @GET
    public List<AppView> list() {
        return views.views(App.<App>list("order by name").stream().filter(app -> actor.sees(app.name)).toList());
    }

    @GET
    @Path("{app}")
    public AppView get(@PathParam("app") String name) {
        return views.of(find(name));
    }

    @DELETE
    @Path("{app}")
    public Response destroy(@PathParam("app") String name) {
        apps.destroy(name);
        return Response.noContent().build();
    }

    /** The app of a URL; an invalid name is just an unknown app, never a database or Docker lookup. */
    static App find(String name) {
        App app = AppName.isValid(name) ? App.byName(name) : null;
        if (app == null) {
            throw Apps.notFound(name);
        }
        return app;
    }
}
