package io.fjord.deploy.api;

import java.util.Comparator;
import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.fjord.deploy.docker.Containers;
import io.fjord.deploy.docker.LogStreams;
import io.fjord.platform.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/**
 * {@code GET /api/apps/{app}/logs?follow=true&tail=N}: the output of the app's running containers, each
 * line tagged {@code <process>.<n> <container>| }, as chunked text/plain; following, it goes on until the
 * client leaves (the engine's streams are closed then).
 */
@Path("/api/apps/{app}/logs")
public class LogResource {
    static final int MAX_TAIL = 10_000;

    private final Containers containers;
    private final LogStreams streams;

    LogResource(Containers containers, LogStreams streams) {
        this.containers = containers;
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public Multi<String> logs(@PathParam("app") String app, @QueryParam("follow") @DefaultValue("false") boolean follow,
            @QueryParam("tail") @DefaultValue("100") int tail) {
        QuarkusTransaction.requiringNew().run(() -> AppResource.find(app));
        if (tail < 0 || tail > MAX_TAIL) {
            throw ApiException.badRequest("tail must be from 0 to " + MAX_TAIL);
        }
        List<Containers.AppContainer> running = containers.list(app).stream()
                .filter(Containers.AppContainer::running)
                .sorted(Comparator.comparing(Containers.AppContainer::process).thenComparingInt(Containers.AppContainer::n))
                .toList();
        return streams.lines(running, follow, tail);
    }
}
