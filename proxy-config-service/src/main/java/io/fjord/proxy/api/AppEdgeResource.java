package io.fjord.proxy.api;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.platform.api.ApiException;
import io.fjord.proxy.edge.EdgeApplier;
import io.fjord.proxy.nginx.Sites;
import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.BodySize;
import io.fjord.proxy.route.DomainNames;

/**
 * An app on the edge: its own domains ({@code PUT} replaces the list), its maintenance switch, and the
 * settings of {@code /edge} (maintenance and the largest request body). Every change is live, validated by
 * nginx, when the call answers; a refused one changes nothing.
 */
@Path("/api/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppEdgeResource {

    private final EdgeApplier applier;
    private final KnownApps apps;
    private final Sites sites;
    private final DomainNames names;

    AppEdgeResource(EdgeApplier applier, KnownApps apps, Sites sites) {
        this.applier = applier;
        this.apps = apps;
        this.sites = sites;
        this.names = new DomainNames(sites.domain());
    }

    /** The body of {@code PUT /domains}. */
    public record Domains(List<String> domains) {
    }

    /** @param host where the app answers besides its domains */
    public record DomainsView(String app, String host, List<String> domains) {
    }

    public record Maintenance(Boolean enabled) {
    }

    /** @param maxBodySize the largest request body; the platform's default unless set */
    public record EdgeView(boolean maintenance, String maxBodySize) {
    }

    @GET
    @Path("domains")
    public DomainsView domains(@PathParam("app") String app) {
        return domainsView(apps.route(app));
    }

    @PUT
    @Path("domains")
    public DomainsView replaceDomains(@PathParam("app") String app, Domains body) {
        apps.route(app);
        List<String> domains;
        try {
            domains = names.check(body == null ? null : body.domains());
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
        return domainsView(applier.edit(app, "domains " + domains, (current, owners) -> {
            for (String domain : domains) {
                owners.ownerOf(domain).filter(owner -> !owner.equals(app)).ifPresent(owner -> {
                    throw ApiException.conflict(domain + " belongs to the app " + owner);
                });
            }
            return current.withDomains(domains);
        }).live());
    }

    @GET
    @Path("maintenance")
    public Maintenance maintenance(@PathParam("app") String app) {
        return new Maintenance(apps.route(app).maintenance());
    }

    @PUT
    @Path("maintenance")
    public Maintenance switchMaintenance(@PathParam("app") String app, Maintenance body) {
        apps.route(app);
        if (body == null || body.enabled() == null) {
            throw ApiException.badRequest("\"enabled\" is required: true or false");
        }
        boolean enabled = body.enabled();
        return new Maintenance(applier.edit(app, "maintenance " + (enabled ? "on" : "off"),
                (current, owners) -> current.withMaintenance(enabled)).live().maintenance());
    }

    @GET
    @Path("edge")
    public EdgeView edge(@PathParam("app") String app) {
        return edgeView(apps.route(app));
    }

    /**
     * Changes the settings the body names: {@code maintenance} (true or false), {@code maxBodySize} (a size
     * such as {@code 50m}, or null for the platform's default).
     */
    @PATCH
    @Path("edge")
    public EdgeView changeEdge(@PathParam("app") String app, JsonNode body) {
        apps.route(app);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body is a JSON object such as {\"maxBodySize\": \"50m\"}");
        }
        Boolean maintenance = null;
        boolean sizeGiven = false;
        String maxBodySize = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if ("maintenance".equals(field.getKey()) && value.isBoolean()) {
                maintenance = value.booleanValue();
            } else if ("maxBodySize".equals(field.getKey()) && (value.isNull() || value.isTextual())) {
                sizeGiven = true;
                maxBodySize = value.isNull() ? null : checkSize(value.textValue());
            } else {
                throw ApiException.badRequest("the edge of an app has \"maintenance\" (true or false) and \"maxBodySize\""
                        + " (such as \"50m\", or null for the default); \"" + DomainNames.shown(field.getKey())
                        + "\" is not one of them or has the wrong type");
            }
        }
        Boolean newMaintenance = maintenance;
        boolean newSize = sizeGiven;
        String newMaxBodySize = maxBodySize;
        return edgeView(applier.edit(app, "edge settings " + body, (current, owners) -> current
                .withMaintenance(newMaintenance == null ? current.maintenance() : newMaintenance)
                .withMaxBodySize(newSize ? newMaxBodySize : current.maxBodySize())).live());
    }

    private static String checkSize(String size) {
        try {
            return BodySize.check(size);
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
    }

    private DomainsView domainsView(AppRoute route) {
        return new DomainsView(route.app(), sites.hostOf(route.app()), route.domains());
    }

    private EdgeView edgeView(AppRoute route) {
        return new EdgeView(route.maintenance(),
                route.maxBodySize() == null ? sites.defaultMaxBodySize() : route.maxBodySize());
    }
}
