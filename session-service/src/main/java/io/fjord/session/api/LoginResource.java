package io.fjord.session.api;

import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.platform.api.ApiException;
import io.fjord.platform.auth.Actor;
import io.fjord.session.identity.Logins;
import io.fjord.session.identity.Names;
import io.vertx.core.http.HttpServerRequest;

/**
 * Browser login and logout. Login is the one API call the edge lets through without a credential; it
 * is throttled per user name and per client address instead.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {
    private static final String SHAPE = "{\"user\": \"ada\", \"password\": \"...\"}";
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final Logins logins;
    private final StrictJson json;
    private final Actor actor;

    LoginResource(Logins logins, StrictJson json, Actor actor) {
        this.logins = logins;
        this.json = json;
        this.actor = actor;
    }

    /** The new login's user, and its session in a cookie. */
    public record LoginView(String user) {
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(byte[] body, @HeaderParam(FORWARDED_PROTO) String proto,
            @Context HttpServerRequest request) {
        ObjectNode fields = json.object(body, Set.of("user", "password"), SHAPE);
        String user = StrictJson.text(fields, "user", true);
        String password = StrictJson.text(fields, "password", true);
        if (!Names.isValid(user)) {
            throw ApiException.badRequest("user must be a user name: lowercase letters, digits, '.', '_' or '-'");
        }
        String sessionId = logins.login(user, password, clientIp(request));
        return Response.ok(new LoginView(user))
                .header(HttpHeaders.SET_COOKIE, LoginCookie.set(sessionId, LoginCookie.overTls(proto)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** Ends the login session of the cookie, if any, and tells the browser to forget the cookie. */
    @POST
    @Path("logout")
    public Response logout(@CookieParam(LoginCookie.NAME) String sessionId, @HeaderParam(FORWARDED_PROTO) String proto) {
        if (sessionId != null) {
            logins.logout(sessionId);
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, LoginCookie.clear(LoginCookie.overTls(proto))).build();
    }

    /** nginx's X-Real-IP; the connection's peer when called directly (tests, loopback). */
    private String clientIp(HttpServerRequest request) {
        return actor.ip() != null ? actor.ip() : request.remoteAddress().hostAddress();
    }
}
