package io.fjord.session.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.platform.api.ApiException;
import io.fjord.platform.auth.Actor;
import io.fjord.session.access.Scope;
import io.fjord.session.identity.ApiTokens;
import io.fjord.session.identity.Names;

/**
 * API tokens (admin only, decided at the edge): {@code POST} makes one and shows it once, {@code GET}
 * lists them without secrets, {@code DELETE} revokes one at once.
 */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {
    private static final String SHAPE = "{\"name\": \"ci-shop\", \"scope\": \"app:shop:deployer\", "
            + "\"expiresAt\": \"2030-01-01T00:00:00Z\" (optional)}";
    /** Far enough for any real use, near enough to stay clear of the database's calendar limits. */
    private static final long MAX_YEARS = 10;

    private final ApiTokens tokens;
    private final StrictJson json;
    private final Actor actor;

    TokenResource(ApiTokens tokens, StrictJson json, Actor actor) {
        this.tokens = tokens;
        this.json = json;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        ObjectNode request = json.object(body, Set.of("name", "scope", "expiresAt"), SHAPE);
        String name = Names.check("name", StrictJson.text(request, "name", true));
        Scope scope = Scope.parse(StrictJson.text(request, "scope", true));
        Instant expiresAt = expiresAt(StrictJson.text(request, "expiresAt", false));
        ApiTokens.Created created = tokens.create(name, scope, expiresAt, actor.name());
        return Response.status(Response.Status.CREATED)
                .entity(CreatedTokenView.of(created.token(), created.secret()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    public List<TokenView> list() {
        return tokens.listActive().stream().map(TokenView::of).toList();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(id(id), actor.name());
        return Response.noContent().build();
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no such token");
        }
    }

    private static Instant expiresAt(String text) {
        if (text == null) {
            return null;
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("expiresAt must be an ISO-8601 time such as 2030-01-01T00:00:00Z");
        }
        Instant now = Instant.now();
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_YEARS * 366, ChronoUnit.DAYS))) {
            throw ApiException.badRequest("expiresAt must lie in the future, within " + MAX_YEARS + " years");
        }
        return expiresAt;
    }
}
