package io.fjord.session.api;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.fjord.platform.api.ApiException;
import io.fjord.platform.auth.Actor;
import io.fjord.session.redis.RedisSessionStore;
import io.fjord.session.store.Session;
import io.fjord.session.store.SessionIds;
import io.fjord.session.store.SessionPolicy;

/**
 * The session store over HTTP for apps: create, read (the expiry slides), replace with optimistic
 * concurrency (ETag / If-Match), delete, and delete every session of one user.
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private final RedisSessionStore store;
    private final SessionRequestReader requests;
    private final SessionPolicy policy;
    private final Actor actor;

    SessionResource(RedisSessionStore store, SessionRequestReader requests, SessionPolicy policy, Actor actor) {
        this.store = store;
        this.requests = requests;
        this.policy = policy;
        this.actor = actor;
    }

    /** The caller's own sessions: an app's token sees its app's only. */
    private String space() {
        return RedisSessionStore.space(actor.role());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        SessionRequest request = requests.forCreate(body);
        Session session = store.create(space(), request.data(), request.ttl(), request.userId());
        return answer(Response.created(URI.create("/api/sessions/" + session.id())), session);
    }

    @GET
    @Path("{id}")
    public Response read(@PathParam("id") String id) {
        Session session = store.read(space(), id).orElseThrow(RedisSessionStore::unknown);
        return answer(Response.ok(), session);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            byte[] body) {
        if (!SessionIds.isValid(id)) {
            throw RedisSessionStore.unknown(); // before judging the body: an id we never made is unknown
        }
        SessionRequest request = requests.forReplace(body);
        Session session = store.replace(space(), id, request.data(), request.ttl(), IfMatch.parse(ifMatch));
        return answer(Response.ok(), session);
    }

    /** Log out everywhere: {@code DELETE /api/sessions?userId=...} ends every session of that user. */
    @DELETE
    public Map<String, Long> deleteAllOf(@QueryParam("userId") String userId) {
        if (userId == null) {
            throw ApiException.badRequest("name the user whose sessions end: DELETE /api/sessions?userId=...");
        }
        return Map.of("deleted", store.deleteAllOf(space(), policy.userId(userId)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!store.delete(space(), id)) {
            throw RedisSessionStore.unknown();
        }
        return Response.noContent().build();
    }

    /** Session data is private to one user: no cache along the way may keep it. */
    private static Response answer(Response.ResponseBuilder builder, Session session) {
        return builder.entity(SessionView.of(session))
                .header(HttpHeaders.ETAG, IfMatch.etag(session.version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
