package io.fjord.build.api;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.fjord.build.builds.Build;
import io.fjord.build.builds.BuildLogs;
import io.fjord.build.builds.Builds;
import io.fjord.platform.api.ApiException;
import io.fjord.platform.auth.Actor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class BuildResource {
    private static final Set<String> TAR_GZ_TYPES = Set.of("application/gzip", "application/x-gzip",
            "application/octet-stream");
    private static final int MAX_LIST = 100;

    private final Builds builds;
    private final BuildLogs logs;
    private final Actor actor;

    BuildResource(Builds builds, BuildLogs logs, Actor actor) {
        this.builds = builds;
        this.logs = logs;
        this.actor = actor;
    }

    /** The body is a tar.gz of the source with a Dockerfile at its root; the build runs after the answer. */
    @POST
    @Path("/apps/{app}/builds")
    public Response create(@PathParam("app") String app, @QueryParam("commit") String commit,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        if (contentType == null || !TAR_GZ_TYPES.contains(baseType(contentType))) {
            throw new ApiException(415, "the body must be a tar.gz archive sent as application/gzip, "
                    + "application/x-gzip or application/octet-stream");
        }
        Build build = builds.start(app, commit, body);
        return Response.accepted(BuildView.of(build)).location(URI.create("/api/builds/" + build.id)).build();
    }

    @GET
    @Path("/apps/{app}/builds")
    public List<BuildView> list(@PathParam("app") String app, @QueryParam("limit") @DefaultValue("20") int limit) {
        builds.requireApp(app);
        if (limit < 1 || limit > MAX_LIST) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIST);
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> Build.newestOf(app, limit).stream().map(BuildView::of).toList());
    }

    @GET
    @Path("/builds/{id}")
    public BuildView get(@PathParam("id") String id) {
        return QuarkusTransaction.requiringNew().call(() -> BuildView.of(find(id)));
    }

    /**
     * Cancels a queued build (it never starts) or a running one (its Docker build is stopped): 200 with the
     * build, now cancelled, or 202 while a running build is still winding down; 409 for one that has ended.
     */
    @DELETE
    @Path("/builds/{id}")
    public Response cancel(@PathParam("id") String id) {
        long buildId = QuarkusTransaction.requiringNew().call(() -> find(id).id);
        Build build = builds.cancel(buildId);
        return Response.status(build.status.ended() ? 200 : 202).entity(BuildView.of(build)).build();
    }

    /**
     * text/plain, chunked: a running build's log from its start and then live until the build ends; the
     * stored log of a finished one.
     */
    @GET
    @Path("/builds/{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public Multi<String> log(@PathParam("id") String id) {
        long buildId = QuarkusTransaction.requiringNew().call(() -> find(id).id);
        return logs.follow(buildId).orElseGet(() -> Multi.createFrom()
                .item(QuarkusTransaction.requiringNew().call(() -> logs.stored(buildId))));
    }

    /** The build; one of an app the caller has no role on is as unknown as one that never was. */
    private Build find(String id) {
        Build build = null;
        if (id.matches("[0-9]{1,18}")) {
            build = Build.findById(Long.parseLong(id));
        }
        if (build == null || !actor.sees(build.app)) {
            throw ApiException.notFound("no build with id '" + (id.length() > 40 ? id.substring(0, 40) + "..." : id)
                    + "'");
        }
        return build;
    }

    private static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase();
    }
}
