package io.fjord.session.api;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.platform.auth.Actor;
import io.fjord.session.access.Scope;
import io.fjord.session.identity.Names;
import io.fjord.session.identity.PlatformUser;
import io.fjord.session.identity.Users;

/** Users who log in with a browser (admin only, decided at the edge). */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private static final String SHAPE = "{\"name\": \"ada\", \"password\": \"...\", \"scope\": \"app:shop:deployer\"}";

    private final Users users;
    private final StrictJson json;
    private final Actor actor;

    UserResource(Users users, StrictJson json, Actor actor) {
        this.users = users;
        this.json = json;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        ObjectNode request = json.object(body, Set.of("name", "password", "scope"), SHAPE);
        String name = Names.check("name", StrictJson.text(request, "name", true));
        String password = StrictJson.text(request, "password", true);
        Scope scope = Scope.parse(StrictJson.text(request, "scope", true));
        PlatformUser user = users.create(name, password, scope, actor.name());
        return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
    }

    @GET
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        users.delete(name);
        return Response.noContent().build();
    }
}
