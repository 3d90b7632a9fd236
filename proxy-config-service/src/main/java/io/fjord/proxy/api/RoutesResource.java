package io.fjord.proxy.api;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.fjord.proxy.nginx.Sites;
import io.fjord.proxy.route.RouteTable;

/** The route table: what the edge serves for each app. */
@Path("/api/routes")
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    private final Sites sites;
    private final RouteTable table;

    RoutesResource(Sites sites, RouteTable table) {
        this.sites = sites;
        this.table = table;
    }

    @GET
    @Transactional
    public List<RouteView> list() {
        return table.all().stream()
                .map(route -> RouteView.of(route, sites.hostOf(route.app()), sites.defaultMaxBodySize())).toList();
    }
}
